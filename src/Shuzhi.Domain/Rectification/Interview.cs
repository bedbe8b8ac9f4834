namespace Shuzhi.Domain.Rectification;

public enum InterviewState
{
    Scheduled = 1,
    Held = 2,
}

/// <summary>
/// 约谈提醒 (seed 001 第七条, seed 002 三.4): for a reporter graded 一般 or 差, scheduled with a date and an interviewer,
/// then recorded as held with notes and the commitments made; each commitment becomes a <see cref="Problem"/>
/// (source <see cref="ProblemSourceKind.Interview"/>) to be put in the rectification plan.
/// </summary>
public sealed class Interview
{
    public const int MaxInterviewerLength = 50;
    public const int MaxNotesLength = 2000;
    public const int MaxCommitmentLength = Problem.MaxTextLength;
    public const int MaxCommitments = 20;

    /// <summary>The grades that call for an interview (seed 001 第七条: 一般 and 差).</summary>
    public static IReadOnlyList<string> GradesRequiringInterview { get; } = ["一般", "差"];

    private List<string> _commitments = [];

    private Interview() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public int ReporterId { get; private set; }
    public int OrganizationId { get; private set; }
    public string Grade { get; private set; } = "";
    public InterviewState State { get; private set; } = InterviewState.Scheduled;
    public DateOnly ScheduledOn { get; private set; }
    public string Interviewer { get; private set; } = "";
    public DateOnly? HeldOn { get; private set; }
    public string Notes { get; private set; } = "";
    public IReadOnlyList<string> Commitments => _commitments;

    public static bool IsRequired(string? grade) => GradesRequiringInterview.Contains((grade ?? "").Trim());

    public static Interview Schedule(int campaignId, int reporterId, int organizationId, string? grade, DateOnly scheduledOn, string? interviewer)
    {
        if (campaignId <= 0 || reporterId <= 0 || organizationId <= 0) throw new DomainException("Rect.InterviewOwnerRequired");
        if (!IsRequired(grade)) throw new DomainException("Rect.InterviewGradeNotRequired", string.Join("、", GradesRequiringInterview));
        var i = new Interview { CampaignId = campaignId, ReporterId = reporterId, OrganizationId = organizationId, Grade = grade!.Trim() };
        i.Reschedule(scheduledOn, interviewer);
        return i;
    }

    public void Reschedule(DateOnly scheduledOn, string? interviewer)
    {
        if (State != InterviewState.Scheduled) throw new DomainException("Rect.InterviewAlreadyHeld");
        interviewer = (interviewer ?? "").Trim();
        if (interviewer.Length == 0) throw new DomainException("Rect.InterviewerRequired");
        if (interviewer.Length > MaxInterviewerLength) throw new DomainException("Rect.InterviewerTooLong", MaxInterviewerLength);
        (ScheduledOn, Interviewer) = (scheduledOn, interviewer);
    }

    /// <summary>Records the interview as held: on a day not after today, with notes and at least one commitment.</summary>
    public void Hold(DateOnly heldOn, string? notes, IReadOnlyList<string?> commitments, DateOnly today)
    {
        if (State != InterviewState.Scheduled) throw new DomainException("Rect.InterviewAlreadyHeld");
        if (heldOn > today) throw new DomainException("Rect.InterviewHeldInFuture");
        notes = (notes ?? "").Replace("\r\n", "\n").Trim();
        if (notes.Length == 0) throw new DomainException("Rect.InterviewNotesRequired");
        if (notes.Length > MaxNotesLength) throw new DomainException("Rect.InterviewNotesTooLong", MaxNotesLength, notes.Length);
        var list = commitments.Select(c => (c ?? "").Replace("\r\n", "\n").Trim()).Where(c => c.Length > 0).ToList();
        if (list.Count == 0) throw new DomainException("Rect.CommitmentRequired");
        if (list.Count > MaxCommitments) throw new DomainException("Rect.CommitmentsTooMany", MaxCommitments);
        if (list.FirstOrDefault(c => c.Length > MaxCommitmentLength) is { } tooLong)
            throw new DomainException("Rect.CommitmentTooLong", MaxCommitmentLength, list.IndexOf(tooLong) + 1);
        _commitments.Clear();
        _commitments.AddRange(list);
        (State, HeldOn, Notes) = (InterviewState.Held, heldOn, notes);
    }

    /// <summary>The commitments as problems of the reporter, linked to this (saved) interview.</summary>
    public IReadOnlyList<Problem> CommitmentProblems(DateTimeOffset now)
    {
        if (State != InterviewState.Held) throw new DomainException("Rect.InterviewNotHeld");
        var source = ProblemSource.FromInterview(Id);
        return _commitments.Select(c => Problem.Create(CampaignId, ReporterId, OrganizationId, c, source, now)).ToList();
    }
}
