using System.Text.Json.Serialization;
using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Scoring;

namespace Shuzhi.Domain.Results;

/// <summary>A track of the campaign as the report counts it.</summary>
public sealed record UpwardTrack(string Name, DebriefMode Mode, int Reporters);

/// <summary>
/// One voter category of a meeting (票数核对): ballots issued, returned by phone and on paper (paper as counted out of the
/// box where staff entered the count), and the valid and invalid ballots stored.
/// </summary>
public sealed record UpwardBallots(string Meeting, string Category, int Issued, int Phone, int Paper, int Valid, int Invalid)
{
    [JsonIgnore]
    public int Returned => Phone + Paper;
}

/// <summary>
/// A reporter's row: the democratic-evaluation figures of its meeting (none for a written debrief) and the decided grade.
/// Rates are fractions (0.8 = 80 %); <see cref="Score"/> is the ballot score (测评得分) of docs/tally.md.
/// </summary>
public sealed record UpwardReporter(string Track, string Organization, string? Person, bool OnSite, int Marks,
    int Good, int FairlyGood, int Average, int Poor, decimal? GoodRate, decimal? Score, int? Rank, Grade? Grade);

/// <summary>A problem found: whose, what, and where it came from (meeting comment, inspection, self-found …).</summary>
public sealed record UpwardProblem(string Organization, string Text, string Source);

/// <summary>The consequences in force (seed 001 第七条) and the follow-up recorded so far.</summary>
public sealed record UpwardConsequences(int NoExcellent, int ReminderInterviews, int InterviewsHeld, int Accountability);

/// <summary>One reporter's rectification plan: filed, accepted, filed late, and its items by state.</summary>
public sealed record UpwardPlan(string Organization, bool Filed, bool Accepted, bool Late, int Items, int Done, int Closed, int Overdue);

/// <summary>
/// The figures of a campaign's report to the upper unit (seed 001 第八条; seed 002 四: 开展述职评议考核工作情况及民主评议结果，
/// 应在结束后15天内上报), as compiled from the records on <see cref="AsOf"/>. Every total is derived here from the rows, so
/// the report, its appendix and the tests read the same sums.
/// </summary>
public sealed record UpwardFigures(
    string Organizer, int Year, string CampaignTitle, DateOnly AsOf,
    DateOnly MeetingDate, DateOnly? MeetingEndDate,
    IReadOnlyList<UpwardTrack> Tracks,
    IReadOnlyList<UpwardBallots> Ballots,
    IReadOnlyList<UpwardReporter> Reporters,
    QuotaCheck? Quota, bool QuotaReasoned, DateOnly? DecisionDate,
    IReadOnlyList<UpwardProblem> Problems,
    UpwardConsequences Consequences,
    IReadOnlyList<UpwardPlan> Plans)
{
    [JsonIgnore]
    public int ReporterCount => Tracks.Sum(t => t.Reporters);
    /// <summary>On-site debriefs (现场述职, also with a written report); the rest report in writing only.</summary>
    [JsonIgnore]
    public int OnSiteCount => Tracks.Where(t => t.Mode != DebriefMode.Written).Sum(t => t.Reporters);
    [JsonIgnore]
    public int WrittenCount => Tracks.Where(t => t.Mode == DebriefMode.Written).Sum(t => t.Reporters);


    [JsonIgnore]
    public int Issued => Ballots.Sum(b => b.Issued);
    [JsonIgnore]
    public int Returned => Ballots.Sum(b => b.Returned);
    [JsonIgnore]
    public int Valid => Ballots.Sum(b => b.Valid);
    [JsonIgnore]
    public int Invalid => Ballots.Sum(b => b.Invalid);

    /// <summary>Decided grades, best first, each with its count (zeros included).</summary>
    [JsonIgnore]
    public IReadOnlyList<(Grade Grade, int Count)> Distribution =>
        Enum.GetValues<Grade>().Select(g => (g, Reporters.Count(r => r.Grade == g))).ToList();


    [JsonIgnore]
    public int Graded => Reporters.Count(r => r.Grade is not null);
    [JsonIgnore]
    public int BelowGood => Reporters.Count(r => r.Grade is { } g && g.IsBelowGood());

    /// <summary>较好 and below over the graded, as a fraction; null before any grade.</summary>
    [JsonIgnore]
    public decimal? BelowGoodShare => Graded == 0 ? null : (decimal)BelowGood / Graded;


    [JsonIgnore]
    public int PlansRequired => Plans.Count;
    [JsonIgnore]
    public int PlansFiled => Plans.Count(p => p.Filed);
    [JsonIgnore]
    public int PlansAccepted => Plans.Count(p => p.Accepted);
    [JsonIgnore]
    public int PlansLate => Plans.Count(p => p.Late);
    [JsonIgnore]
    public int Items => Plans.Sum(p => p.Items);
    [JsonIgnore]
    public int ItemsDone => Plans.Sum(p => p.Done);
    [JsonIgnore]
    public int ItemsClosed => Plans.Sum(p => p.Closed);
    [JsonIgnore]
    public int ItemsOverdue => Plans.Sum(p => p.Overdue);

    /// <summary>Done (已完成 or 已销号) over the accepted plans' items, as a fraction; null without items.</summary>
    [JsonIgnore]
    public decimal? CompletionRate => Items == 0 ? null : (decimal)ItemsDone / Items;
}

public enum UpwardState
{
    Draft = 1,        // 草稿
    Submitted = 2,    // 已报送
    Acknowledged = 3, // 已签收
    Returned = 4,     // 已退回
}

/// <summary>Where the report stands against its deadline.</summary>
public enum UpwardDeadline
{
    Pending = 1,   // 未报送, deadline not passed
    Overdue = 2,   // 未报送, deadline passed
    OnTime = 3,    // 已按时报送
    Late = 4,      // 逾期报送
}

public sealed record UpwardEvent(DateTimeOffset At, string By, UpwardState State, string? Comment);

/// <summary>
/// 述职评议考核情况报告: one per campaign, written by the organizer's staff and sent to the upper unit. Staff edit the three
/// narrative parts while it is a draft or returned; submitting freezes the figures as compiled then (what was sent stays
/// what was sent); the upper unit acknowledges it or returns it with a reason, and a returned report is edited and sent
/// again. The deadline is the campaign's (15 days after the end by default, <see cref="CampaignTimeline"/>); sending
/// after it is allowed and marked late. Every step is kept in <see cref="History"/>.
/// </summary>
public sealed class UpwardReport
{
    public const int MaxPart = 5000;
    public const int MaxReason = 500;

    private UpwardReport() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public int OrganizerId { get; private set; }
    public int Year { get; private set; }
    public UpwardState State { get; private set; } = UpwardState.Draft;
    /// <summary>一、工作开展情况 (how the campaign was run, what worked).</summary>
    public string Conduct { get; private set; } = "";
    /// <summary>二、存在的问题 (the staff's analysis of the problems, above the listed ones).</summary>
    public string ProblemAnalysis { get; private set; } = "";
    /// <summary>三、下一步工作打算.</summary>
    public string NextSteps { get; private set; } = "";
    /// <summary>The figures as sent (JSON of <see cref="UpwardFigures"/>); null while never sent.</summary>
    public UpwardFigures? Sent { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    /// <summary>The first submission came after the deadline.</summary>
    public bool SubmittedLate { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public string? ReturnReason { get; private set; }
    public IReadOnlyList<UpwardEvent> History { get; private set; } = [];

    public static UpwardReport Start(int campaignId, int organizerId, int year) =>
        new() { CampaignId = campaignId, OrganizerId = organizerId, Year = year };

    public bool IsEditable => State is UpwardState.Draft or UpwardState.Returned;

    /// <summary>Sent and standing (submitted or acknowledged); a returned report is not sent until it is sent again.</summary>
    public bool IsSent => State is UpwardState.Submitted or UpwardState.Acknowledged;

    public void Edit(string? conduct, string? problemAnalysis, string? nextSteps)
    {
        if (!IsEditable) throw new DomainException("Upward.NotEditable");
        Conduct = Part(conduct);
        ProblemAnalysis = Part(problemAnalysis);
        NextSteps = Part(nextSteps);
    }

    private static string Part(string? text)
    {
        text = (text ?? "").Trim();
        if (text.Length > MaxPart) throw new DomainException("Upward.PartTooLong", MaxPart);
        return text;
    }

    /// <summary>Sends the report with the figures compiled now; refused with a part empty or the grades not yet decided.</summary>
    public void Submit(UpwardFigures figures, DateOnly deadline, DateOnly today, string by, DateTimeOffset now)
    {
        if (!IsEditable) throw new DomainException("Upward.NotEditable");
        if (Conduct.Length == 0 || ProblemAnalysis.Length == 0 || NextSteps.Length == 0) throw new DomainException("Upward.PartsRequired");
        if (figures.Quota is null) throw new DomainException("Upward.GradesNotDecided");
        if (SubmittedAt is null) SubmittedLate = today > deadline;
        Sent = figures;
        State = UpwardState.Submitted;
        SubmittedAt = now;
        SubmittedBy = by;
        ReturnReason = null;
        Add(now, by, null);
    }

    /// <summary>The upper unit confirms receipt.</summary>
    public void Acknowledge(string by, DateTimeOffset now, string? comment)
    {
        if (State != UpwardState.Submitted) throw new DomainException("Upward.NotSubmitted");
        State = UpwardState.Acknowledged;
        AcknowledgedAt = now;
        AcknowledgedBy = by;
        Add(now, by, Optional(comment));
    }

    /// <summary>The upper unit sends it back with what to change.</summary>
    public void Return(string by, DateTimeOffset now, string? reason)
    {
        if (State != UpwardState.Submitted) throw new DomainException("Upward.NotSubmitted");
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0) throw new DomainException("Upward.ReasonRequired");
        if (reason.Length > MaxReason) throw new DomainException("Upward.ReasonTooLong", MaxReason);
        State = UpwardState.Returned;
        ReturnReason = reason;
        Add(now, by, reason);
    }

    private static string? Optional(string? comment)
    {
        comment = comment?.Trim();
        if (comment is { Length: > MaxReason }) throw new DomainException("Upward.ReasonTooLong", MaxReason);
        return string.IsNullOrEmpty(comment) ? null : comment;
    }

    private void Add(DateTimeOffset now, string by, string? comment) => History = [.. History, new UpwardEvent(now, by, State, comment)];

    /// <summary>
    /// Where the report stands against the deadline on <paramref name="today"/>: sent (on time or late, by its first
    /// submission), or not sent (pending or overdue). A report returned after the deadline counts as overdue until sent again.
    /// </summary>
    public static UpwardDeadline Status(UpwardReport? report, DateOnly deadline, DateOnly today)
    {
        if (report is { IsSent: true }) return report.SubmittedLate ? UpwardDeadline.Late : UpwardDeadline.OnTime;
        return today > deadline ? UpwardDeadline.Overdue : UpwardDeadline.Pending;
    }
}

public static class UpwardTerms
{
    public static string Name(this UpwardState s) => s switch
    {
        UpwardState.Draft => "草稿",
        UpwardState.Submitted => "已报送",
        UpwardState.Acknowledged => "已签收",
        _ => "已退回",
    };

    public static string Name(this UpwardDeadline d) => d switch
    {
        UpwardDeadline.Pending => "未报送",
        UpwardDeadline.Overdue => "逾期未报送",
        UpwardDeadline.OnTime => "按时报送",
        _ => "逾期报送",
    };
}
