namespace Shuzhi.Domain.Campaigns;

/// <summary>The stages a campaign moves through, forward only, by explicit actions.</summary>
public enum CampaignStage
{
    Preparation = 1,   // 筹备
    Writing = 2,       // 撰写述职报告
    Evaluation = 3,    // 述职评议
    Assessment = 4,    // 考核评价
    Feedback = 5,      // 反馈
    Rectification = 6, // 整改
    Reporting = 7,     // 上报
    Closed = 8,        // 结束
}

public static class CampaignTerms
{
    public static readonly IReadOnlyDictionary<CampaignStage, string> StageNames = new Dictionary<CampaignStage, string>
    {
        [CampaignStage.Preparation] = "筹备",
        [CampaignStage.Writing] = "撰写述职报告",
        [CampaignStage.Evaluation] = "述职评议",
        [CampaignStage.Assessment] = "考核评价",
        [CampaignStage.Feedback] = "反馈",
        [CampaignStage.Rectification] = "整改",
        [CampaignStage.Reporting] = "上报",
        [CampaignStage.Closed] = "结束",
    };

    public static string Name(this CampaignStage stage) => StageNames[stage];
}

/// <summary>
/// What the stage change depends on beyond the campaign itself, gathered by the caller:
/// the approval of the plan by the upper unit, and on-site reporters still without an approved report.
/// </summary>
public sealed record StageContext(bool PlanApprovalRequired, bool PlanApproved, int OnSiteReportersWithoutApprovedReport);

public static class StageRules
{
    /// <summary>
    /// Checks moving from <paramref name="from"/> to the next stage. Returns the blocking reasons
    /// (message keys with arguments); a recorded <paramref name="overrideReason"/> lifts the ones
    /// staff may override (missing approved reports), never the upper unit's approval.
    /// </summary>
    public static IReadOnlyList<(string Code, object[] Args)> Blockers(CampaignStage from, StageContext ctx, string? overrideReason)
    {
        var blockers = new List<(string, object[])>();
        if (from == CampaignStage.Closed) blockers.Add(("Campaign.AlreadyClosed", []));
        if (from == CampaignStage.Preparation && ctx.PlanApprovalRequired && !ctx.PlanApproved)
            blockers.Add(("Campaign.PlanNotApproved", []));
        if (from == CampaignStage.Writing && ctx.OnSiteReportersWithoutApprovedReport > 0 && string.IsNullOrWhiteSpace(overrideReason))
            blockers.Add(("Campaign.ReportsNotApproved", [ctx.OnSiteReportersWithoutApprovedReport]));
        return blockers;
    }

    public static CampaignStage Next(CampaignStage stage) =>
        stage == CampaignStage.Closed ? stage : stage + 1;
}
