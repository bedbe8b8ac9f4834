using Shuzhi.Domain.Scoring;

namespace Shuzhi.Web.Data;

/// <summary>
/// A campaign's grading settings (综合评价): how grades are proposed (thresholds or rank bands), the quota rule
/// (seeds 002 三.3, 003 四.4) and the cross-inspection trim. One per campaign; the defaults when none is stored.
/// </summary>
public sealed class GradingSettings
{

    public int Id { get; set; }
    public int CampaignId { get; set; }
    public GradeRuleKind RuleKind { get; set; } = GradeRuleKind.Thresholds;
    public decimal GoodMin { get; set; } = 90m;
    public decimal FairlyGoodMin { get; set; } = 80m;
    public decimal AverageMin { get; set; } = 70m;
    public decimal GoodShare { get; set; }
    public decimal FairlyGoodShare { get; set; }
    public decimal AverageShare { get; set; }
    /// <summary>The minimum share graded below 好 (0–1; default 0.15).</summary>
    public decimal QuotaShare { get; set; } = 0.15m;
    public bool RequireAverageOrPoor { get; set; }

    public GradeRule Rule => new(RuleKind, GoodMin, FairlyGoodMin, AverageMin, GoodShare, FairlyGoodShare, AverageShare);

    public Quota Quota => new(QuotaShare, RequireAverageOrPoor);
}

/// <summary>A missing component staff waive for one reporter, with the reason (docs/scoring.md §5).</summary>
public sealed record ComponentWaiver(Shuzhi.Domain.Campaigns.ScoreComponent Component, string Reason);

/// <summary>
/// The staff's working state for one reporter before the decision: waived components, the adjusted final grade with
/// its reason (null = the proposal) and the opinion (综合评价意见) in three parts. Locked with the campaign's deliberation.
/// </summary>
public sealed class GradingEntry
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public int ReporterId { get; set; }
    public List<ComponentWaiver> Waivers { get; set; } = [];
    public Grade? FinalGrade { get; set; }
    public string? GradeReason { get; set; }
    public string Achievements { get; set; } = "";
    public string Problems { get; set; } = "";
    public string Direction { get; set; } = "";

    public Opinion Opinion => new(Achievements, Problems, Direction);
}
