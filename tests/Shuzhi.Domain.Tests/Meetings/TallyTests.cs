using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;

namespace Shuzhi.Domain.Tests.Meetings;

public class TallyTests
{
    private static readonly BallotForm Grade = BallotForm.DefaultGrade();        // 好100 较好90 一般75 差60
    private static readonly BallotForm Dims = BallotForm.DefaultDimension();     // 德20 能15 勤15 绩20 廉15 学15

    private static MeetingBallot Paper(IReadOnlyList<ReporterForm> reporters, BallotRules rules, int category, params Mark[] marks) =>
        MeetingBallot.FromPaper(1, category, reporters, marks, rules);

    private static Mark G(int reporter, string grade) => Mark.ForGrade(reporter, grade);

    private static decimal R(decimal? d) => Math.Round(d!.Value, 10);

    [Fact]
    public void Grade_ballots_give_counts_rates_category_means_weighted_score_and_rank()
    {
        ReporterForm[] reporters = [new(1, 10, Grade), new(2, 10, Grade)];
        var rules = new BallotRules(MinShareMarked: 0.5m); // 2 reporters → at least ⌈0.5 × 2⌉ = 1 marked
        TallyCategory[] categories = [new(1, "党员代表", 0.6m), new(2, "群众代表", 0.4m)];
        var ballots = new[]
        {
            Paper(reporters, rules, 1, G(1, "好"), G(2, "较好")),
            Paper(reporters, rules, 1, G(1, "好"), G(2, "一般")),
            Paper(reporters, rules, 1, G(1, "较好"), G(2, "好")),
            Paper(reporters, rules, 2, G(1, "一般"), G(2, "好")),
            Paper(reporters, rules, 2, G(1, "差")),           // reporter 2 not marked: still 1 of 2, valid
            Paper(reporters, rules, 1),                       // blank: invalid, not counted
        };
        Assert.Equal(5, ballots.Count(b => b.IsValid));

        var t = Tally.Compute(reporters, categories, ballots, rules);
        var r1 = t.Single(x => x.ReporterId == 1);
        // Reporter 1: 好 2, 较好 1, 一般 1, 差 1 = 5 marks; 好票率 2/5 = 0.4; 较好及以上 3/5 = 0.6.
        Assert.Equal(5, r1.Marks);
        Assert.Equal([2, 1, 1, 1], r1.Grades.Select(g => g.Count));
        Assert.Equal(0.4m, r1.TopRate);
        Assert.Equal(0.6m, r1.TopTwoRate);
        // 党员代表: (100 + 100 + 90) / 3 = 96.666…; 群众代表: (75 + 60) / 2 = 67.5.
        Assert.Equal(R(290m / 3), R(r1.Categories[0].Mean));
        Assert.Equal(67.5m, r1.Categories[1].Mean);
        // Score: 0.6 × 96.666… + 0.4 × 67.5 = 58 + 27 = 85.
        Assert.Equal(85m, R(r1.Score));
        Assert.Equal("85.00", Tally.Display.Points(r1.Score));
        Assert.Equal("40.00%", Tally.Display.Rate(r1.TopRate));

        var r2 = t.Single(x => x.ReporterId == 2);
        // Reporter 2: 好 2, 较好 1, 一般 1 = 4 marks; 2/4 = 0.5; 3/4 = 0.75.
        Assert.Equal([2, 1, 1, 0], r2.Grades.Select(g => g.Count));
        Assert.Equal(0.5m, r2.TopRate);
        Assert.Equal(0.75m, r2.TopTwoRate);
        // 党员代表 (90 + 75 + 100) / 3 = 88.333…; 群众代表 100 / 1 = 100; 0.6 × 88.333… + 0.4 × 100 = 53 + 40 = 93.
        Assert.Equal(93m, R(r2.Score));
        Assert.Equal(1, r2.Rank);
        Assert.Equal(2, r1.Rank);
        // Fewer than 5 marks per category: no category is shown separately, yet both counted.
        Assert.All(t.SelectMany(x => x.Categories), c => Assert.False(c.Shown));
    }

    [Fact]
    public void Weights_are_renormalized_over_the_categories_with_marks()
    {
        ReporterForm[] reporters = [new(1, 10, Grade)];
        var rules = BallotRules.Default;
        TallyCategory[] categories = [new(1, "班子成员", 0.5m), new(2, "党组织书记", 0.3m), new(3, "群众代表", 0.2m)];
        var ballots = new[]
        {
            Paper(reporters, rules, 1, G(1, "好")),
            Paper(reporters, rules, 1, G(1, "较好")),   // 班子成员 mean (100 + 90) / 2 = 95
            Paper(reporters, rules, 3, G(1, "差")),     // 群众代表 mean 60; 党组织书记 no marks
        };
        var r = Tally.Compute(reporters, categories, ballots, rules).Single();
        // Weights over categories with marks: 0.5 + 0.2 = 0.7.
        // Score = (0.5 × 95 + 0.2 × 60) / 0.7 = (47.5 + 12) / 0.7 = 59.5 / 0.7 = 85.
        Assert.Equal(85m, R(r.Score));
        Assert.Equal([1, 3], r.Categories.Select(c => c.CategoryId));
        // Effective weights 0.5 / 0.7 = 0.714285…, 0.2 / 0.7 = 0.285714…
        Assert.Equal(R(5m / 7), R(r.Categories[0].EffectiveWeight));
        Assert.Equal(R(2m / 7), R(r.Categories[1].EffectiveWeight));
    }

    [Fact]
    public void Dimension_ballots_sum_the_dimensions_and_an_out_of_range_paper_ballot_is_invalid()
    {
        ReporterForm[] reporters = [new(1, 20, Dims), new(2, 20, Dims)];
        var rules = BallotRules.Default; // ⌈0.5 × 2⌉ = 1
        TallyCategory[] categories = [new(1, "师生代表", 1m)];
        var ballots = new[]
        {
            // 18+14+13+19+15+14 = 93; 16+12+12+17+13+12.5 = 82.5
            Paper(reporters, rules, 1, Mark.ForPoints(1, 18, 14, 13, 19, 15, 14), Mark.ForPoints(2, 16, 12, 12, 17, 13, 12.5m)),
            // 20+15+15+20+15+15 = 100; 15+10+10+15+10+10 = 70
            Paper(reporters, rules, 1, Mark.ForPoints(1, 20, 15, 15, 20, 15, 15), Mark.ForPoints(2, 15, 10, 10, 15, 10, 10)),
            // 德 21 > 20: the whole paper ballot is invalid
            Paper(reporters, rules, 1, Mark.ForPoints(1, 21, 15, 15, 20, 15, 15), Mark.ForPoints(2, 0, 0, 0, 0, 0, 0)),
            // 17+13+12+18+14+13 = 87; reporter 2 not marked
            Paper(reporters, rules, 1, Mark.ForPoints(1, 17, 13, 12, 18, 14, 13)),
        };
        Assert.Equal(InvalidReason.PointsOutOfRange, ballots[2].InvalidReason);

        var t = Tally.Compute(reporters, categories, ballots, rules);
        var r1 = t.Single(x => x.ReporterId == 1);
        // (93 + 100 + 87) / 3 = 280 / 3 = 93.333…
        Assert.Equal(3, r1.Marks);
        Assert.Equal(R(280m / 3), R(r1.Score));
        Assert.Equal("93.33", Tally.Display.Points(r1.Score));
        Assert.Empty(r1.Grades);
        Assert.Null(r1.TopRate);
        var r2 = t.Single(x => x.ReporterId == 2);
        // (82.5 + 70) / 2 = 76.25 (the 0 points of the invalid ballot do not count)
        Assert.Equal(76.25m, r2.Score);
        Assert.Equal((1, 2), (r1.Rank!.Value, r2.Rank!.Value));
    }

    [Fact]
    public void Trimming_drops_k_highest_and_lowest_only_from_2k_plus_3_marks()
    {
        ReporterForm[] reporters = [new(1, 10, Grade)];
        var rules = new BallotRules(TrimK: 1);
        TallyCategory[] categories = [new(1, "党员代表", 1m), new(2, "群众代表", 1m)];
        var ballots = new List<MeetingBallot>();
        foreach (var g in new[] { "好", "好", "较好", "一般", "差" }) ballots.Add(Paper(reporters, rules, 1, G(1, g)));
        foreach (var g in new[] { "好", "差", "差", "差" }) ballots.Add(Paper(reporters, rules, 2, G(1, g)));

        var r = Tally.Compute(reporters, categories, ballots, rules).Single();
        var a = r.Categories[0];
        // 5 marks ≥ 2×1+3: drop one 100 and the 60 → (100 + 90 + 75) / 3 = 265 / 3 = 88.333…; plain mean 425 / 5 = 85.
        Assert.True(a.Trimmed);
        Assert.Equal(85m, a.Mean);
        Assert.Equal(R(265m / 3), R(a.UsedMean));
        Assert.True(a.Shown); // 5 marks
        var b = r.Categories[1];
        // 4 marks < 5: untrimmed (100 + 60 + 60 + 60) / 4 = 70.
        Assert.False(b.Trimmed);
        Assert.Equal(70m, b.UsedMean);
        Assert.False(b.Shown);
        // Score = (1 × 88.333… + 1 × 70) / 2 = 158.333… / 2 = 79.1666… → shown 79.17.
        Assert.Equal(R(475m / 6), R(r.Score));
        Assert.Equal("79.17", Tally.Display.Points(r.Score));
    }

    [Fact]
    public void Trimmed_mean_needs_2k_plus_3_points()
    {
        // k = 2 needs 7: [1..7] → drop 1, 2, 6, 7 → (3 + 4 + 5) / 3 = 4; with 6 points plain mean 21 / 6 = 3.5.
        Assert.Equal((true, 4m), Tally.TrimmedMean([7, 1, 5, 3, 2, 6, 4], 2));
        Assert.Equal((false, 3.5m), Tally.TrimmedMean([1, 2, 3, 4, 5, 6], 2));
        Assert.Equal((false, 2m), Tally.TrimmedMean([1, 2, 3], 0));
    }

    [Fact]
    public void Trimmed_mean_over_counted_points_equals_the_one_over_the_points()
    {
        // 100 × 3, 90 × 2, 75 × 1, 60 × 1 = 7 marks, k = 2: sorted 60 75 90 90 100 100 100 → keep 90 90 100 → 280 / 3.
        var (trimmed, mean) = Tally.TrimmedMean([(100m, 3L), (90m, 2L), (75m, 1L), (60m, 1L)], 2);
        Assert.True(trimmed);
        Assert.Equal(R(280m / 3), R(mean));
        Assert.Equal(Tally.TrimmedMean([100m, 100m, 100m, 90m, 90m, 75m, 60m], 2), (trimmed, mean));
        // One value counted many times: k = 1 of 5 → the 3 in the middle, all 90.
        Assert.Equal((true, 90m), Tally.TrimmedMean([(90m, 5L)], 1));
        // Too few to trim: the plain mean, (100 × 2 + 60) / 3.
        Assert.Equal(R(260m / 3), R(Tally.TrimmedMean([(100m, 2L), (60m, 1L)], 1).Mean));
    }

    [Fact]
    public void The_tally_from_counted_marks_equals_the_tally_from_the_ballots()
    {
        // Random grade and dimension ballots (some blank, some invalid) over two tracks and three categories, trimmed k = 1:
        // counting the marks first (as the database does) gives exactly the same figures.
        ReporterForm[] reporters = [new(1, 10, Grade), new(2, 10, Grade), new(3, 11, Dims), new(4, 11, Dims)];
        var rules = new BallotRules(MinShareMarked: 0.5m, TrimK: 1);
        TallyCategory[] categories = [new(1, "党员代表", 0.5m), new(2, "群众代表", 0.3m), new(3, "工作人员", 0.2m)];
        var random = new Random(20231220);
        string[] labels = ["好", "较好", "一般", "差"];
        var ballots = Enumerable.Range(0, 300).Select(_ =>
        {
            var marks = new List<Mark>();
            foreach (var r in reporters)
            {
                if (random.Next(6) == 0) continue;
                marks.Add(r.Form.Kind == BallotKind.Grade
                    ? G(r.ReporterId, labels[random.Next(4)])
                    : Mark.ForPoints(r.ReporterId, Dims.Dimensions.Select(d => (decimal)random.Next(d.MaxPoints - 3, d.MaxPoints + 1)).ToArray()));
            }
            return Paper(reporters, rules, 1 + random.Next(3), [.. marks]);
        }).ToList();
        Assert.Contains(ballots, b => !b.IsValid);

        var fromBallots = Tally.Compute(reporters, categories, ballots, rules);
        var groups = Tally.Group(ballots);
        Assert.True(groups.Count < ballots.Sum(b => b.Marks.Count)); // marks were counted, not listed
        var fromGroups = Tally.Compute(reporters, categories, groups.Reverse().ToList(), rules);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(fromBallots), System.Text.Json.JsonSerializer.Serialize(fromGroups));
        Assert.All(fromBallots, t => Assert.NotNull(t.Score));
    }

    [Fact]
    public void Ranking_is_per_track_and_ties_share_a_rank()
    {
        ReporterForm[] reporters = [new(1, 10, Grade), new(2, 10, Grade), new(3, 10, Grade), new(4, 11, Grade), new(5, 10, Grade)];
        var rules = new BallotRules(MinShareMarked: 0m);
        TallyCategory[] categories = [new(1, "工作人员", 1m)];
        var ballots = new[] { Paper(reporters, rules, 1, G(1, "较好"), G(2, "较好"), G(3, "一般"), G(4, "差")) };
        var t = Tally.Compute(reporters, categories, ballots, rules).ToDictionary(x => x.ReporterId);
        // Track 10: 90, 90, 75 → 1, 1, 3; track 11 alone → 1; reporter 5 has no marks → no score, no rank.
        Assert.Equal(1, t[1].Rank);
        Assert.Equal(1, t[2].Rank);
        Assert.Equal(3, t[3].Rank);
        Assert.Equal(1, t[4].Rank);
        Assert.Null(t[5].Score);
        Assert.Null(t[5].Rank);
        Assert.Null(t[5].TopRate);
    }

    [Fact]
    public void A_category_of_weight_zero_is_shown_but_does_not_move_the_score()
    {
        ReporterForm[] reporters = [new(1, 10, Grade)];
        var rules = BallotRules.Default;
        TallyCategory[] categories = [new(1, "党员代表", 2m), new(2, "工作人员", 0m)];
        var ballots = new[] { Paper(reporters, rules, 1, G(1, "一般")), Paper(reporters, rules, 2, G(1, "好")) };
        var r = Tally.Compute(reporters, categories, ballots, rules).Single();
        // (2 × 75 + 0 × 100) / (2 + 0) = 75
        Assert.Equal(75m, r.Score);
        Assert.Equal(2, r.Categories.Count);
        // Only a weight-zero category with marks → no score.
        var only = Tally.Compute(reporters, categories, [ballots[1]], rules).Single();
        Assert.Null(only.Score);
    }

    [Fact]
    public void A_dropped_out_of_range_mark_on_a_valid_ballot_is_not_counted_when_out_of_range_does_not_void_the_ballot()
    {
        ReporterForm[] reporters = [new(1, 20, Dims), new(2, 20, Dims)];
        var rules = new BallotRules(MinShareMarked: 0.5m, OutOfRangeInvalid: false);
        var b = Paper(reporters, rules, 1, Mark.ForPoints(1, 20, 15, 15, 20, 15, 15), Mark.ForPoints(2, 25, 15, 15, 20, 15, 15));
        Assert.True(b.IsValid);
        var t = Tally.Compute(reporters, [new(1, "师生代表", 1m)], [b], rules);
        Assert.Equal(100m, t.Single(x => x.ReporterId == 1).Score);
        Assert.Equal(0, t.Single(x => x.ReporterId == 2).Marks);
    }

    [Fact]
    public void Display_rounds_half_away_from_zero_to_two_decimals()
    {
        Assert.Equal("85.13", Tally.Display.Points(85.125m));
        Assert.Equal("85.12", Tally.Display.Points(85.1249m));
        Assert.Equal("66.67%", Tally.Display.Rate(2m / 3));
        Assert.Equal("—", Tally.Display.Points(null));
        Assert.True(Tally.IsShown(5));
        Assert.False(Tally.IsShown(4));
    }

    [Fact]
    public void One_meeting_can_mix_tracks_with_different_forms()
    {
        ReporterForm[] reporters = [new(1, 10, Grade), new(2, 20, Dims)];
        var rules = new BallotRules(MinShareMarked: 1m); // both reporters must be marked
        TallyCategory[] categories = [new(1, "党员代表", 1m)];
        var ballots = new[]
        {
            // 较好 90; 20+15+15+20+15+15 = 100
            Paper(reporters, rules, 1, G(1, "较好"), Mark.ForPoints(2, 20, 15, 15, 20, 15, 15)),
            // 差 60; 10+5+5+10+5+5 = 40
            Paper(reporters, rules, 1, G(1, "差"), Mark.ForPoints(2, 10, 5, 5, 10, 5, 5)),
            // only reporter 1 marked: fewer than ⌈1 × 2⌉ = 2 → invalid
            Paper(reporters, rules, 1, G(1, "好")),
        };
        Assert.Equal(InvalidReason.TooFewMarked, ballots[2].InvalidReason);
        var t = Tally.Compute(reporters, categories, ballots, rules).ToDictionary(x => x.ReporterId);
        // Reporter 1: (90 + 60) / 2 = 75; 好票率 0/2 = 0; 较好及以上 1/2 = 0.5. Reporter 2: (100 + 40) / 2 = 70.
        Assert.Equal(75m, t[1].Score);
        Assert.Equal(0m, t[1].TopRate);
        Assert.Equal(0.5m, t[1].TopTwoRate);
        Assert.Equal(70m, t[2].Score);
        // Each is first in its own track.
        Assert.Equal((1, 1), (t[1].Rank!.Value, t[2].Rank!.Value));
    }
}
