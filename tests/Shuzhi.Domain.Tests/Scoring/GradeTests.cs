using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Scoring;

namespace Shuzhi.Domain.Tests.Scoring;

public class GradeTests
{
    private static readonly WeightedComponent[] One = [new(ScoreComponent.DailyReview, 100)];

    private static ReporterScores Only(int id, decimal v, Grade? veto = null) =>
        new(id, new Dictionary<ScoreComponent, ComponentScore> { [ScoreComponent.DailyReview] = new(v, 100m) }, new Dictionary<ScoreComponent, string>(), veto);

    [Theory]
    [InlineData(100, Grade.Good)]
    [InlineData(90, Grade.Good)]
    [InlineData(89.99, Grade.FairlyGood)]
    [InlineData(80, Grade.FairlyGood)]
    [InlineData(79.99, Grade.Average)]
    [InlineData(70, Grade.Average)]
    [InlineData(69.99, Grade.Poor)]
    [InlineData(0, Grade.Poor)]
    public void Default_thresholds(double shown, Grade expected) =>
        Assert.Equal(expected, GradeRule.DefaultThresholds.ByThreshold((decimal)shown));

    [Fact]
    public void Thresholds_compare_the_shown_composite_and_vetoes_lower_the_grade()
    {
        var results = Composite.Compute(One, [Only(1, 89.995m), Only(2, 89.994m), Only(3, 95m, Grade.Poor), Only(4, 65m, Grade.Average)]);
        var p = GradeRule.DefaultThresholds.Propose(results);
        Assert.Equal(Grade.Good, p[0].Proposed);        // 89.995 → shown 90.00 → 好
        Assert.Equal(Grade.FairlyGood, p[1].Proposed);  // 89.994 → shown 89.99 → 较好
        Assert.Equal(Grade.Good, p[2].ByRule);          // 95 → 好 by the rule …
        Assert.Equal(Grade.Poor, p[2].Proposed);        // … forced to 差 by the veto
        Assert.Equal(Grade.Poor, p[3].Proposed);        // 65 → 差; a veto forcing 一般 never raises it
    }

    [Fact]
    public void Rank_bands_take_floor_of_share_times_n()
    {
        // n = 10, 30 % 好, 40 % 较好, 20 % 一般: 好 ranks ≤ ⌊3⌋ = 3, 较好 ≤ ⌊0.7 × 10⌋ = 7, 一般 ≤ ⌊0.9 × 10⌋ = 9, 差 rank 10.
        var rule = GradeRule.Bands(0.3m, 0.4m, 0.2m);
        var results = Composite.Compute(One, Enumerable.Range(1, 10).Select(i => Only(i, 100m - i)).ToList()); // reporter i has rank i
        var p = rule.Propose(results);
        Assert.Equal(
            [Grade.Good, Grade.Good, Grade.Good, Grade.FairlyGood, Grade.FairlyGood, Grade.FairlyGood, Grade.FairlyGood, Grade.Average, Grade.Average, Grade.Poor],
            p.Select(x => x.Proposed!.Value));
        // A tie across the 好 boundary: ranks 1, 2, 3, 3 → both rank-3 reporters get 好.
        Assert.Equal(Grade.Good, rule.ByRank(3, 10));
        Assert.Equal(Grade.FairlyGood, rule.ByRank(4, 10));
    }

    [Fact]
    public void Blocked_reporters_get_no_proposal_and_rules_are_validated()
    {
        var blocked = new ReporterScores(9, new Dictionary<ScoreComponent, ComponentScore>(), new Dictionary<ScoreComponent, string>());
        var p = GradeRule.DefaultThresholds.Propose(Composite.Compute(One, [blocked]));
        Assert.Null(Assert.Single(p).Proposed);
        Assert.Contains((GradeRule.DefaultThresholds with { FairlyGoodMin = 95m }).Validate(), e => e.Code == "Scoring.ThresholdsNotDescending");
        Assert.Contains(GradeRule.Bands(0.5m, 0.4m, 0.2m).Validate(), e => e.Code == "Scoring.BandSharesAbove100");
        Assert.Contains(GradeRule.Bands(-0.1m, 0.4m, 0.2m).Validate(), e => e.Code == "Scoring.BandShareNegative");
    }
}
