using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Scoring;

namespace Shuzhi.Domain.Tests.Scoring;

public class CompositeTests
{
    // 现场测评 40, 实地考核 30, 交叉检查互评 20, 日常考评 10 = 100.
    private static readonly WeightedComponent[] Track =
    [
        new(ScoreComponent.OnSiteBallot, 40), new(ScoreComponent.FieldInspection, 30),
        new(ScoreComponent.CrossInspection, 20), new(ScoreComponent.DailyReview, 10),
    ];

    private static SheetResult Sheet(decimal total, decimal scale) => new(total, 0, 0, 0, 0, total, scale, null);

    private static ReporterScores R(int id, Dictionary<ScoreComponent, ComponentScore> scores, Dictionary<ScoreComponent, string>? waivers = null, Grade? veto = null) =>
        new(id, scores, waivers ?? [], veto);

    [Fact]
    public void Components_are_normalized_and_weighted_with_every_figure_kept()
    {
        var r1 = R(1, new()
        {
            [ScoreComponent.OnSiteBallot] = ComponentScores.FromBallot(86.5m, BallotForm.DefaultGrade()),       // 86.5 / 100 → 86.5
            [ScoreComponent.FieldInspection] = ComponentScores.FromSheet(Sheet(45m, 50m)),                    // 45 / 50 × 100 = 90
            [ScoreComponent.CrossInspection] = ComponentScores.CrossMean([Sheet(80m, 100m), Sheet(85m, 100m), Sheet(90m, 100m)], 0), // 255 / 3 = 85
            [ScoreComponent.DailyReview] = ComponentScores.Direct(95m),                                       // 95
        });
        var result = Assert.Single(Composite.Compute(Track, [r1]));
        // 86.5 × 0.4 + 90 × 0.3 + 85 × 0.2 + 95 × 0.1 = 34.6 + 27 + 17 + 9.5 = 88.1
        Assert.Equal(88.1m, result.Value);
        Assert.Equal(88.10m, result.Shown);
        Assert.Equal(1, result.Rank);
        var field = result.Lines.Single(l => l.Component == ScoreComponent.FieldInspection);
        Assert.Equal(45m, field.Raw);
        Assert.Equal(50m, field.Scale);
        Assert.Equal(90m, field.Normalized);
        Assert.Equal(30, field.Weight);
        Assert.Equal(30m, field.EffectiveWeight);
        Assert.Equal(27m, field.Contribution);
        Assert.Equal(result.Value, result.Lines.Sum(l => l.Contribution));
    }

    [Fact]
    public void Ballot_score_uses_the_form_total_as_its_scale()
    {
        var form = new BallotForm(BallotKind.Dimension, [], [new("德", 60), new("能", 60)], 120);
        var s = ComponentScores.FromBallot(102m, form);
        Assert.Equal(85m, s.Normalized); // 102 / 120 × 100 = 85
    }

    [Fact]
    public void A_waived_component_renormalizes_the_weights_over_the_present_ones()
    {
        var r2 = R(2, new()
        {
            [ScoreComponent.OnSiteBallot] = ComponentScores.Direct(90m),
            [ScoreComponent.FieldInspection] = ComponentScores.FromSheet(Sheet(40m, 50m)), // 80
            [ScoreComponent.CrossInspection] = ComponentScores.Direct(90m),
        }, new() { [ScoreComponent.DailyReview] = "任职不满半年，组织部未作日常考评" });
        var result = Assert.Single(Composite.Compute(Track, [r2]));
        // Present weights 40 + 30 + 20 = 90: (90·40 + 80·30 + 90·20) / 90 = (3600 + 2400 + 1800) / 90 = 7800 / 90 = 86.666…
        Assert.Equal(86.67m, result.Shown);
        Assert.Equal(7800m / 90m, result.Value);
        var ballot = result.Lines.Single(l => l.Component == ScoreComponent.OnSiteBallot);
        Assert.Equal(40m * 100m / 90m, ballot.EffectiveWeight); // 44.44…
        var daily = result.Lines.Single(l => l.Component == ScoreComponent.DailyReview);
        Assert.True(daily.Waived);
        Assert.Equal("任职不满半年，组织部未作日常考评", daily.WaiverReason);
        Assert.Null(daily.Contribution);
    }

    [Fact]
    public void A_missing_component_blocks_the_reporter_unless_waived_with_a_reason()
    {
        var r3 = R(3, new()
        {
            [ScoreComponent.OnSiteBallot] = ComponentScores.Direct(90m),
            [ScoreComponent.FieldInspection] = ComponentScores.Direct(90m),
            [ScoreComponent.DailyReview] = ComponentScores.Direct(90m),
        });
        var result = Assert.Single(Composite.Compute(Track, [r3]));
        Assert.True(result.Blocked);
        Assert.Null(result.Rank);
        Assert.Equal([ScoreComponent.CrossInspection], result.Missing);
        Assert.Equal("Scoring.ComponentMissing", result.Problem!.Value.Code);
        Assert.Equal("交叉检查互评", result.Problem!.Value.Args[0]);

        var e = Assert.Throws<DomainException>(() => Composite.Compute(Track, [r3 with { Waivers = new Dictionary<ScoreComponent, string> { [ScoreComponent.CrossInspection] = "  " } }]));
        Assert.Equal("Scoring.WaiverReasonRequired", e.Code);

        var allWaived = R(4, [], Track.ToDictionary(c => c.Component, _ => "原因"));
        var w = Assert.Single(Composite.Compute(Track, [allWaived]));
        Assert.True(w.Blocked);
        Assert.Equal("Scoring.AllComponentsWaived", w.Problem!.Value.Code);
    }

    [Fact]
    public void Ranking_is_competition_ranking_on_the_shown_composite()
    {
        WeightedComponent[] one = [new(ScoreComponent.DailyReview, 100)];
        ReporterScores Only(int id, decimal v) => R(id, new() { [ScoreComponent.DailyReview] = new ComponentScore(v, 100m) });
        // Shown: D 90.00, A 88.10 (88.104), B 88.10 (88.1), C 88.09 (88.094) → 1, 2, 2, 4.
        var results = Composite.Compute(one, [Only(1, 88.104m), Only(2, 88.1m), Only(3, 88.094m), Only(4, 90m)]);
        Assert.Equal([2, 2, 4, 1], results.Select(r => r.Rank!.Value));
        // Half away from zero: 88.095 → 88.10, ties with A.
        var half = Composite.Compute(one, [Only(1, 88.104m), Only(2, 88.095m)]);
        Assert.Equal([1, 1], half.Select(r => r.Rank!.Value));
    }

    [Fact]
    public void Cross_inspection_mean_is_trimmed_from_2k_plus_3_totals()
    {
        // 5 totals ≥ 2·1 + 3: drop 70 and 99 → (80 + 85 + 90) / 3 = 85.
        var trimmed = ComponentScores.CrossMean([Sheet(70m, 100m), Sheet(80m, 100m), Sheet(85m, 100m), Sheet(90m, 100m), Sheet(99m, 100m)], 1);
        Assert.Equal(85m, trimmed.Raw);
        // 4 totals < 5: plain mean (70 + 80 + 90 + 99) / 4 = 339 / 4 = 84.75.
        var plain = ComponentScores.CrossMean([Sheet(70m, 100m), Sheet(80m, 100m), Sheet(90m, 100m), Sheet(99m, 100m)], 1);
        Assert.Equal(84.75m, plain.Raw);
        // On a 50-point template: (40 + 45) / 2 = 42.5 → 42.5 / 50 × 100 = 85.
        Assert.Equal(85m, ComponentScores.CrossMean([Sheet(40m, 50m), Sheet(45m, 50m)], 0).Normalized);
        Assert.Equal("Scoring.MixedScales", Assert.Throws<DomainException>(() => ComponentScores.CrossMean([Sheet(40m, 50m), Sheet(45m, 100m)], 0)).Code);
        Assert.Equal("Scoring.NoSheets", Assert.Throws<DomainException>(() => ComponentScores.CrossMean([], 0)).Code);
    }

    [Fact]
    public void Scores_need_a_positive_scale_and_no_negative_raw()
    {
        WeightedComponent[] one = [new(ScoreComponent.DailyReview, 100)];
        ReporterScores With(ComponentScore s) => R(1, new() { [ScoreComponent.DailyReview] = s });
        Assert.Equal("Scoring.ScaleNotPositive", Assert.Throws<DomainException>(() => Composite.Compute(one, [With(new(50m, 0m))])).Code);
        Assert.Equal("Scoring.PointsNegative", Assert.Throws<DomainException>(() => Composite.Compute(one, [With(new(-1m, 100m))])).Code);
    }

    [Fact]
    public void Weights_must_be_valid()
    {
        var e = Assert.Throws<DomainException>(() => Composite.Compute([new(ScoreComponent.DailyReview, 90)], []));
        Assert.Equal("Track.WeightsNot100", e.Code);
    }
}
