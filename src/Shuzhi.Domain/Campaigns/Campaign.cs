namespace Shuzhi.Domain.Campaigns;

public enum PlanApproval
{
    NotRequired = 0,
    Draft = 1,      // 待报审
    Submitted = 2,  // 已报审
    Approved = 3,   // 已批准
    Returned = 4,   // 已退回
}

/// <summary>
/// 年度述职评议考核工作方案: one per organizing organization and year. The timeline, the stage and
/// the upper unit's approval of the plan (seed 002 四.2) are kept here; tracks, focus contents,
/// topics and reporters hang on it.
/// </summary>
public sealed class Campaign
{
    private Campaign() { }

    public int Id { get; private set; }
    public int OrganizerId { get; private set; }
    public Organizations.Organization? Organizer { get; private set; }
    public int Year { get; private set; }
    public string Title { get; private set; } = "";
    public string PlanText { get; private set; } = "";
    public string MeetingPlanText { get; private set; } = "";
    public string BasisDocuments { get; private set; } = "";
    public CampaignTimeline Timeline { get; private set; } = null!;
    public CampaignStage Stage { get; private set; } = CampaignStage.Preparation;
    public PlanApproval PlanApproval { get; private set; }
    public int TermStartYear { get; private set; }
    public int TermLength { get; private set; } = 5;
    public int ShortTenureMonths { get; private set; } = 12;
    /// <summary>Set when the campaign was started from last year's (tracks, rules, topics; never results).</summary>
    public int? CopiedFromId { get; private set; }

    public static Campaign Create(int organizerId, int year, string title, CampaignTimeline timeline, bool planApprovalRequired)
    {
        if (year is < 2000 or > 2100) throw new DomainException("Campaign.YearOutOfRange");
        var c = new Campaign
        {
            OrganizerId = organizerId,
            Year = year,
            TermStartYear = year,
            PlanApproval = planApprovalRequired ? PlanApproval.Draft : PlanApproval.NotRequired,
        };
        c.UpdatePlan(title, "", "", "");
        c.SetTimeline(timeline);
        return c;
    }

    public void UpdatePlan(string title, string planText, string meetingPlanText, string basisDocuments)
    {
        title = title.Trim();
        if (title.Length == 0) throw new DomainException("Campaign.TitleRequired");
        if (title.Length > 200) throw new DomainException("Campaign.TitleTooLong", 200);
        // A plan under review or approved by the upper unit is not changed behind its back.
        if (PlanApproval is PlanApproval.Submitted or PlanApproval.Approved && (planText != PlanText || meetingPlanText != MeetingPlanText))
            throw new DomainException("Campaign.PlanLocked");
        Title = title;
        PlanText = planText;
        MeetingPlanText = meetingPlanText;
        BasisDocuments = basisDocuments.Trim();
    }

    public void SetTimeline(CampaignTimeline timeline)
    {
        var errors = timeline.Validate();
        if (errors.Count > 0) throw new DomainException(errors[0].Code, errors[0].Args);
        Timeline = timeline;
    }

    public void SetTerm(int termStartYear, int termLength, int shortTenureMonths)
    {
        if (termLength is < 1 or > 10) throw new DomainException("Campaign.TermLengthInvalid");
        if (termStartYear > Year || termStartYear < Year - 20) throw new DomainException("Campaign.TermStartInvalid");
        if (shortTenureMonths is < 0 or > 60) throw new DomainException("Campaign.ShortTenureInvalid");
        TermStartYear = termStartYear;
        TermLength = termLength;
        ShortTenureMonths = shortTenureMonths;
    }

    /// <summary>Moves to the next stage when nothing blocks it (see <see cref="StageRules"/>); returns the stage left.</summary>
    public CampaignStage Advance(int onSiteReportersWithoutApprovedReport, string? overrideReason)
    {
        var ctx = new StageContext(PlanApproval != PlanApproval.NotRequired, PlanApproval == PlanApproval.Approved, onSiteReportersWithoutApprovedReport);
        var blockers = StageRules.Blockers(Stage, ctx, overrideReason);
        if (blockers.Count > 0) throw new DomainException(blockers[0].Code, blockers[0].Args);
        var from = Stage;
        Stage = StageRules.Next(Stage);
        return from;
    }

    /// <summary>Tracks and reporters may change until the meeting stage.</summary>
    public void EnsureSetupOpen()
    {
        if (Stage >= CampaignStage.Evaluation) throw new DomainException("Campaign.SetupClosed");
    }

    public void SubmitPlan()
    {
        if (PlanApproval is not (PlanApproval.Draft or PlanApproval.Returned)) throw new DomainException("Campaign.PlanNotSubmittable");
        if (string.IsNullOrWhiteSpace(PlanText)) throw new DomainException("Campaign.PlanTextRequired");
        PlanApproval = PlanApproval.Submitted;
    }

    /// <summary>
    /// An upper unit's requirement added or lifted after the campaign was set up: applies while the
    /// campaign is still in 筹备; a plan already submitted stays with the upper unit for review.
    /// </summary>
    public void SetPlanApprovalRequired(bool required)
    {
        if (Stage != CampaignStage.Preparation) return;
        if (required && PlanApproval == PlanApproval.NotRequired) PlanApproval = PlanApproval.Draft;
        else if (!required && PlanApproval is PlanApproval.Draft or PlanApproval.Returned) PlanApproval = PlanApproval.NotRequired;
    }

    public void ReviewPlan(bool approve)
    {
        if (PlanApproval != PlanApproval.Submitted) throw new DomainException("Campaign.PlanNotSubmitted");
        PlanApproval = approve ? PlanApproval.Approved : PlanApproval.Returned;
    }

    /// <summary>This year's campaign started from last year's: plan settings, never its results or stage.</summary>
    public static Campaign CopyOf(Campaign previous, int year, CampaignTimeline timeline, bool planApprovalRequired)
    {
        var c = Create(previous.OrganizerId, year, previous.Title.Replace(previous.Year.ToString(), year.ToString()), timeline, planApprovalRequired);
        c.PlanText = previous.PlanText.Replace(previous.Year.ToString(), year.ToString());
        c.MeetingPlanText = previous.MeetingPlanText;
        c.BasisDocuments = previous.BasisDocuments;
        c.TermStartYear = previous.TermStartYear;
        c.TermLength = previous.TermLength;
        c.ShortTenureMonths = previous.ShortTenureMonths;
        c.CopiedFromId = previous.Id;
        return c;
    }
}
