namespace Shuzhi.Domain.Campaigns;

public enum CampaignEventKind
{
    StageAdvanced = 1,   // 推进阶段
    PlanSubmitted = 2,   // 方案报审
    PlanApproved = 3,    // 方案批准
    PlanReturned = 4,    // 方案退回
}

/// <summary>The history both sides of the cascade see: stage changes (with any override reason) and plan reviews.</summary>
public sealed class CampaignEvent
{
    private CampaignEvent() { }

    public long Id { get; private set; }
    public int CampaignId { get; private set; }
    public CampaignEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public CampaignStage? FromStage { get; private set; }
    public CampaignStage? ToStage { get; private set; }
    public string Comment { get; private set; } = "";

    public static CampaignEvent Of(int campaignId, CampaignEventKind kind, DateTimeOffset at, string actor, string? comment,
        CampaignStage? from = null, CampaignStage? to = null) =>
        new() { CampaignId = campaignId, Kind = kind, At = at, Actor = actor, Comment = comment?.Trim() ?? "", FromStage = from, ToStage = to };
}

/// <summary>
/// An upper organizing unit requires the campaigns of the organizing units below it, in a year,
/// to have their plan approved before they leave 筹备 (seed 002 四.2).
/// </summary>
public sealed class ApprovalRequirement
{
    private ApprovalRequirement() { }

    public int Id { get; private set; }
    public int UpperOrganizationId { get; private set; }
    public int Year { get; private set; }

    public static ApprovalRequirement For(int upperOrganizationId, int year) => new() { UpperOrganizationId = upperOrganizationId, Year = year };
}

public enum OverdueKind
{
    PlanNotApproved = 1,           // 方案未获批准
    ReportNotSubmitted = 2,        // 述职报告未提交
    ReviewNotDone = 3,             // 述职报告未审核
    RectificationPlanNotFiled = 4, // 整改方案未报送
    UpwardReportNotSent = 5,       // 结果未上报
}

/// <summary>A step past its deadline and not done, found by the daily job; resolved when done.</summary>
public sealed class OverdueItem
{
    private OverdueItem() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public OverdueKind Kind { get; private set; }
    /// <summary>The organization responsible for the step (a reporter's, or the organizer).</summary>
    public int OrganizationId { get; private set; }
    public DateOnly DueDate { get; private set; }
    public DateOnly DetectedOn { get; private set; }
    public DateOnly? ResolvedOn { get; private set; }

    public static OverdueItem Open(int campaignId, OverdueKind kind, int organizationId, DateOnly due, DateOnly today) =>
        new() { CampaignId = campaignId, Kind = kind, OrganizationId = organizationId, DueDate = due, DetectedOn = today };

    public void Resolve(DateOnly today) => ResolvedOn ??= today;
}

/// <summary>What is overdue for a campaign on a date, from its timeline and what has been done.</summary>
public static class Deadlines
{
    public sealed record Due(OverdueKind Kind, int OrganizationId, DateOnly DueDate);

    /// <param name="reportersWithoutApprovedReport">Organizations whose report is not approved yet (all of them until reports exist).</param>
    /// <param name="reportersWithoutRectificationPlan">Organizations that have not filed their rectification plan.</param>
    public static IReadOnlyList<Due> Overdue(Campaign c, DateOnly today, IReadOnlyCollection<int> reportersWithoutSubmittedReport,
        IReadOnlyCollection<int> reportersWithoutApprovedReport, IReadOnlyCollection<int> reportersWithoutRectificationPlan, bool upwardReportSent)
    {
        var due = new List<Due>();
        var t = c.Timeline;
        if (c.PlanApproval is PlanApproval.Draft or PlanApproval.Submitted or PlanApproval.Returned && today > t.Start)
            due.Add(new(OverdueKind.PlanNotApproved, c.OrganizerId, t.Start));
        if (today > t.ReportDeadline)
            due.AddRange(reportersWithoutSubmittedReport.Select(o => new Due(OverdueKind.ReportNotSubmitted, o, t.ReportDeadline)));
        if (today > t.ReviewDeadline)
            due.AddRange(reportersWithoutApprovedReport.Except(reportersWithoutSubmittedReport).Select(o => new Due(OverdueKind.ReviewNotDone, o, t.ReviewDeadline)));
        if (today > t.RectificationPlanDeadline)
            due.AddRange(reportersWithoutRectificationPlan.Select(o => new Due(OverdueKind.RectificationPlanNotFiled, o, t.RectificationPlanDeadline)));
        if (today > t.UpwardReportDeadline && !upwardReportSent)
            due.Add(new(OverdueKind.UpwardReportNotSent, c.OrganizerId, t.UpwardReportDeadline));
        return due;
    }
}
