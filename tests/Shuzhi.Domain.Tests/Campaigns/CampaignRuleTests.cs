using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Organizations;

namespace Shuzhi.Domain.Tests.Campaigns;

public class StageRuleTests
{
    private static readonly StageContext Free = new(false, false, 0);

    [Fact]
    public void Stages_move_forward_one_at_a_time_to_the_end()
    {
        var stages = new List<CampaignStage> { CampaignStage.Preparation };
        while (stages[^1] != CampaignStage.Closed) stages.Add(StageRules.Next(stages[^1]));
        Assert.Equal(Enum.GetValues<CampaignStage>(), stages);
        Assert.Equal(CampaignStage.Closed, StageRules.Next(CampaignStage.Closed));
        Assert.Contains(StageRules.Blockers(CampaignStage.Closed, Free, null), b => b.Code == "Campaign.AlreadyClosed");
    }

    [Fact]
    public void Preparation_cannot_be_left_before_the_upper_unit_approves_the_plan()
    {
        Assert.Contains(StageRules.Blockers(CampaignStage.Preparation, new(true, false, 0), "急需开始"), b => b.Code == "Campaign.PlanNotApproved");
        Assert.Empty(StageRules.Blockers(CampaignStage.Preparation, new(true, true, 0), null));
        Assert.Empty(StageRules.Blockers(CampaignStage.Preparation, new(false, false, 0), null));
    }

    [Fact]
    public void A_requirement_added_or_lifted_later_changes_only_campaigns_still_in_preparation()
    {
        var c = Campaign.Create(1, 2024, "方案", CampaignTimeline.Default(2024), planApprovalRequired: false);
        c.SetPlanApprovalRequired(true);
        Assert.Equal(PlanApproval.Draft, c.PlanApproval);
        c.SetPlanApprovalRequired(false);
        Assert.Equal(PlanApproval.NotRequired, c.PlanApproval);

        // A plan already with the upper unit stays there for review.
        c.SetPlanApprovalRequired(true);
        c.UpdatePlan("方案", "正文", "", "");
        c.SubmitPlan();
        c.SetPlanApprovalRequired(false);
        Assert.Equal(PlanApproval.Submitted, c.PlanApproval);

        // Past 筹备 nothing changes.
        var later = Campaign.Create(1, 2025, "方案", CampaignTimeline.Default(2025), planApprovalRequired: false);
        later.Advance(0, null);
        later.SetPlanApprovalRequired(true);
        Assert.Equal(PlanApproval.NotRequired, later.PlanApproval);
    }

    [Fact]
    public void The_meeting_stage_waits_for_approved_reports_unless_a_reason_is_recorded()
    {
        var blockers = StageRules.Blockers(CampaignStage.Writing, new(false, false, 3), null);
        var b = Assert.Single(blockers);
        Assert.Equal("Campaign.ReportsNotApproved", b.Code);
        Assert.Equal(3, b.Args[0]);
        Assert.Empty(StageRules.Blockers(CampaignStage.Writing, new(false, false, 3), "两名书记病假，书面述职"));
        Assert.NotEmpty(StageRules.Blockers(CampaignStage.Writing, new(false, false, 3), "   "));
    }
}

public class WeightTests
{
    [Fact]
    public void Components_of_a_track_sum_to_100()
    {
        // Seed 004, first tier: on-site, cross-inspection and the organization department (hand-picked split).
        Assert.Empty(Weights.Validate([new(ScoreComponent.OnSiteBallot, 40), new(ScoreComponent.CrossInspection, 30), new(ScoreComponent.DailyReview, 30)]));
        var e = Weights.Validate([new(ScoreComponent.OnSiteBallot, 40), new(ScoreComponent.DailyReview, 30)]);
        Assert.Equal(70, Assert.Single(e, x => x.Code == "Track.WeightsNot100").Args[0]);
        Assert.Contains(Weights.Validate([new(ScoreComponent.OnSiteBallot, 50), new(ScoreComponent.OnSiteBallot, 50)]), x => x.Code == "Track.DuplicateComponent");
        Assert.Contains(Weights.Validate([new(ScoreComponent.OnSiteBallot, 0), new(ScoreComponent.DailyReview, 100)]), x => x.Code == "Track.WeightOutOfRange");
        Assert.Contains(Weights.Validate([]), x => x.Code == "Track.NoComponents");
        Assert.Empty(Weights.Validate([new(ScoreComponent.DailyReview, 100)]));
    }
}

public class BallotFormTests
{
    [Fact]
    public void The_seed_defaults_are_valid()
    {
        Assert.Empty(BallotForm.DefaultGrade().Validate());
        Assert.Empty(BallotForm.DefaultDimension().Validate());
        Assert.Equal(100, BallotForm.DefaultDimension().Dimensions.Sum(d => d.MaxPoints));
        Assert.Equal([100, 90, 75, 60], BallotForm.DefaultGrade().Grades.Select(g => g.Points));
    }

    [Fact]
    public void Dimension_points_must_add_up_to_the_ballot_total()
    {
        var form = BallotForm.DefaultDimension() with { Dimensions = [new("德", 20), new("能", 15), new("勤", 15), new("绩", 20), new("廉", 15), new("学", 10)] };
        var e = Assert.Single(form.Validate());
        Assert.Equal("Ballot.DimensionsNotTotal", e.Code);
        Assert.Equal([95, 100], e.Args);
    }

    [Fact]
    public void Grades_are_distinct_and_worth_less_going_down()
    {
        var swapped = BallotForm.DefaultGrade() with { Grades = [new("好", 100), new("较好", 75), new("一般", 90), new("差", 60)] };
        Assert.Contains(swapped.Validate(), e => e.Code == "Ballot.GradesNotDescending");
        var twice = BallotForm.DefaultGrade() with { Grades = [new("好", 100), new("好", 90)] };
        Assert.Contains(twice.Validate(), e => e.Code == "Ballot.GradeLabels");
        var over = BallotForm.DefaultGrade() with { Grades = [new("好", 120), new("差", 60)] };
        Assert.Contains(over.Validate(), e => e.Code == "Ballot.GradePointsOutOfRange");
    }
}

public class ReporterDerivationTests
{
    private static readonly DateOnly CampaignDate = new(2024, 1, 15);

    private static Organization Org(string code, Organization? parent, OrganizationKind kind = OrganizationKind.Branch, int id = 0)
    {
        var o = Organization.Create(code, code, kind, UnitType.Village, parent);
        typeof(Organization).GetProperty(nameof(Organization.Id))!.SetValue(o, id);
        return o;
    }

    private static Position Post(int org, int person, PositionRole role, DateOnly start, int rank = 0) =>
        Position.Create(org, person, role, null, rank, start, null);

    [Fact]
    public void Direct_subordinates_of_a_kind_are_chosen_and_inactive_ones_left_out()
    {
        var town = Org("T", null, OrganizationKind.PartyCommittee, 1);
        var v1 = Org("V1", town, id: 2);
        var v2 = Org("V2", town, id: 3);
        var general = Org("G", town, OrganizationKind.GeneralBranch, 4);
        var grandchild = Org("V1-1", v1, id: 5);
        v2.Deactivate();
        var chosen = Reporters.DirectSubordinates([town, v1, v2, general, grandchild], 1, OrganizationKind.Branch);
        Assert.Equal(["V1"], chosen.Select(o => o.Code));
        Assert.Equal(["G", "V1"], Reporters.DirectSubordinates([town, v1, v2, general, grandchild], 1, null).Select(o => o.Code));
    }

    [Fact]
    public void Acting_deputies_short_tenures_and_vacancies_are_marked()
    {
        var town = Org("T", null, OrganizationKind.PartyCommittee, 1);
        var normal = Org("V1", town, id: 2);
        var vacant = Org("V2", town, id: 3);
        var newcomer = Org("V3", town, id: 4);
        var empty = Org("V4", town, id: 5);
        var posts = new[]
        {
            Post(2, 20, PositionRole.Secretary, new(2021, 10, 1)),
            Post(3, 30, PositionRole.DeputySecretary, new(2021, 10, 1), rank: 1),
            Post(4, 40, PositionRole.Secretary, new(2023, 9, 1)), // 4 months on 2024-01-15
            Post(5, 50, PositionRole.CommitteeMember, new(2021, 10, 1)),
        }.ToLookup(p => p.OrganizationId);

        var r = Reporters.Derive([normal, vacant, newcomer, empty], posts, CampaignDate, shortTenureMonths: 6).ToDictionary(x => x.OrganizationId);

        Assert.Equal((20, false, false, false), (r[2].PersonId!.Value, r[2].IsActing, r[2].ShortTenure, r[2].NoReporter));
        Assert.Equal((30, true), (r[3].PersonId!.Value, r[3].IsActing));
        Assert.True(r[4].ShortTenure);
        Assert.Equal(4, r[4].MonthsInPost);
        Assert.True(r[5].NoReporter);
        Assert.Null(r[5].PersonId);
    }
}

public class TermCoverageTests
{
    [Theory]
    [InlineData(2023, 2021, 5, 2021, 2025)]
    [InlineData(2021, 2021, 5, 2021, 2025)]
    [InlineData(2026, 2021, 5, 2026, 2030)]
    [InlineData(2020, 2021, 5, 2016, 2020)]
    public void Terms_repeat_from_the_start_year(int year, int start, int length, int termStart, int termEnd) =>
        Assert.Equal((termStart, termEnd), TermCoverage.TermOf(year, start, length));

    [Fact]
    public void A_unit_on_site_earlier_in_the_term_is_covered()
    {
        var c = TermCoverage.For(1, 2024, 2021, 5, [2019, 2022], onSiteThisYear: false);
        Assert.True(c.Covered);
        Assert.Equal([2022], c.YearsOnSite); // 2019 belongs to the previous term
        Assert.Equal(1, c.YearsLeft);
        Assert.False(c.WillMissTerm);
    }

    [Fact]
    public void A_unit_never_on_site_in_the_last_year_of_the_term_is_flagged_unless_chosen_now()
    {
        Assert.True(TermCoverage.For(1, 2025, 2021, 5, [2020], onSiteThisYear: false).WillMissTerm);
        var chosen = TermCoverage.For(1, 2025, 2021, 5, [2020], onSiteThisYear: true);
        Assert.False(chosen.WillMissTerm);
        Assert.Equal([2025], chosen.YearsOnSite);
        var early = TermCoverage.For(1, 2023, 2021, 5, [], onSiteThisYear: false);
        Assert.False(early.Covered);
        Assert.False(early.WillMissTerm); // two years left
    }
}
