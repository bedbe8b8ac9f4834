using Shuzhi.Domain.Campaigns;

namespace Shuzhi.Domain.Reports;

/// <summary>Where a report stands: written (Draft), handed in (Submitted), sent back by the reviewer (Returned), accepted (Approved).</summary>
public enum ReportStatus
{
    Draft = 1,
    Submitted = 2,
    Returned = 3,
    Approved = 4,
}

/// <summary>
/// The debrief report (述职报告) of one campaign reporter. The secretary saves drafts and submits; the
/// supervising leader (包片领导) approves or returns it with a reason; a returned report is edited and
/// submitted again. Every submission is kept as a <see cref="ReportVersion"/>. Only an approved report
/// counts as submitted: the time of the submission that was approved is compared with the deadline.
/// </summary>
public sealed class Report
{
    private Report() { }

    public int Id { get; private set; }
    public int CampaignReporterId { get; private set; }
    public ReportStatus Status { get; private set; } = ReportStatus.Draft;
    public ReportText Text { get; private set; } = ReportText.Empty;
    public DateTimeOffset? LastSavedAt { get; private set; }
    /// <summary>The time of the latest submission (the final one once approved).</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    /// <summary>Why the reviewer sent the report back; kept until the next submission.</summary>
    public string? ReturnReason { get; private set; }
    public int VersionCount { get; private set; }

    public const int MaxReturnReason = 1000;

    public static Report Start(int campaignReporterId) => new() { CampaignReporterId = campaignReporterId };

    /// <summary>Drafts are saved while the report is with the secretary (draft or returned), never while submitted or approved.</summary>
    public bool IsEditable => Status is ReportStatus.Draft or ReportStatus.Returned;

    public void SaveDraft(ReportText text, DateTimeOffset now)
    {
        if (!IsEditable) throw new DomainException(Status == ReportStatus.Approved ? "Report.AlreadyApproved" : "Report.AwaitingReview");
        Text = text;
        LastSavedAt = now;
    }

    /// <summary>
    /// Submits <paramref name="text"/> as checked by <paramref name="checks"/> (the caller runs the checks on
    /// exactly this text): refused while a blocking check fails. Returns the version to store.
    /// </summary>
    public ReportVersion Submit(ReportText text, CheckRun checks, DateTimeOffset now, string by)
    {
        if (!IsEditable) throw new DomainException(Status == ReportStatus.Approved ? "Report.AlreadyApproved" : "Report.AwaitingReview");
        if (!checks.CanSubmit) throw new DomainException("Report.ChecksFailed", checks.Results.Count(r => r.Blocks));
        Text = text;
        LastSavedAt = now;
        SubmittedAt = now;
        Status = ReportStatus.Submitted;
        ReturnReason = null;
        VersionCount++;
        return ReportVersion.Of(this, VersionCount, text, now, by);
    }

    public void Approve(DateTimeOffset now)
    {
        if (Status != ReportStatus.Submitted) throw new DomainException("Report.NotSubmitted");
        Status = ReportStatus.Approved;
        ApprovedAt = now;
    }

    public void Return(string? reason)
    {
        if (Status != ReportStatus.Submitted) throw new DomainException("Report.NotSubmitted");
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0) throw new DomainException("Report.ReturnReasonRequired");
        if (reason.Length > MaxReturnReason) throw new DomainException("Report.ReturnReasonTooLong", MaxReturnReason);
        Status = ReportStatus.Returned;
        ReturnReason = reason;
    }

    /// <summary>
    /// Late against the campaign's report deadline (inclusive, a local date): an approved report when the
    /// approved submission fell after the deadline; any other report once <paramref name="today"/> is past it,
    /// since it does not count as submitted yet.
    /// </summary>
    public bool IsLate(DateOnly deadline, DateOnly today, TimeZoneInfo zone) =>
        Status == ReportStatus.Approved && SubmittedAt is { } at
            ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime) > deadline
            : today > deadline;

    /// <summary>
    /// Reports are written, submitted and reviewed in 撰写述职报告 and, for late and written debriefs, in 述职评议;
    /// not in 筹备 (the plan and the outline are not settled yet) and not once the evaluation is over.
    /// </summary>
    public static void EnsureStageAllowsWriting(CampaignStage stage)
    {
        if (stage < CampaignStage.Writing) throw new DomainException("Report.WritingNotStarted");
        if (stage > CampaignStage.Evaluation) throw new DomainException("Report.WritingClosed");
    }

    /// <summary>Lateness of a reporter with no report row yet (nothing written).</summary>
    public static bool IsLateWithoutReport(DateOnly deadline, DateOnly today) => today > deadline;
}

/// <summary>One submission of a report, kept for good: number 1, 2 … in order, the text as submitted, when and by whom.</summary>
public sealed class ReportVersion
{
    private ReportVersion() { }

    public int Id { get; private set; }
    public int ReportId { get; private set; }
    /// <summary>The reporter of the report, copied for the scope filter.</summary>
    public int CampaignReporterId { get; private set; }
    public int Number { get; private set; }
    public ReportText Text { get; private set; } = ReportText.Empty;
    public DateTimeOffset SubmittedAt { get; private set; }
    public string SubmittedBy { get; private set; } = "";

    internal static ReportVersion Of(Report report, int number, ReportText text, DateTimeOffset at, string by) => new()
    {
        ReportId = report.Id, CampaignReporterId = report.CampaignReporterId, Number = number, Text = text, SubmittedAt = at, SubmittedBy = by,
    };
}
