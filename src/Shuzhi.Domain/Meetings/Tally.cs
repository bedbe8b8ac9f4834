using System.Globalization;
using Shuzhi.Domain.Campaigns;

namespace Shuzhi.Domain.Meetings;

/// <summary>A voter category as the tally needs it.</summary>
public sealed record TallyCategory(int Id, string Name, decimal Weight);

public sealed record GradeCount(string Label, int Points, int Count);

/// <summary>How many valid ballots of a category carry this very mark (same reporter, same grade or points).</summary>
public sealed record MarkGroup(int CategoryId, Mark Mark, long Count);

/// <summary>
/// One category's figures for one reporter. <see cref="Mean"/> is the plain mean of the marks' points;
/// <see cref="UsedMean"/> is the trimmed mean when trimming applied, else the plain mean.
/// <see cref="EffectiveWeight"/> is the weight renormalized over the categories that have marks.
/// </summary>
public sealed record CategoryTally(int CategoryId, string Name, decimal Weight, int Marks, decimal Mean, bool Trimmed, decimal UsedMean, decimal EffectiveWeight)
{
    /// <summary>Whether the category is shown separately (at least <see cref="Tally.MinCategoryShown"/> marks); it counts in the score either way.</summary>
    public bool Shown => Tally.IsShown(Marks);
}

/// <summary>
/// The tally of one reporter: valid marks, grade counts with 好票率 and 较好及以上率 (grade form only),
/// per-category means and the ballot score (测评得分), and the rank within the track.
/// </summary>
public sealed record ReporterTally(
    int ReporterId, int TrackId, BallotKind Kind, int Marks,
    IReadOnlyList<GradeCount> Grades, decimal? TopRate, decimal? TopTwoRate,
    IReadOnlyList<CategoryTally> Categories, decimal? Score, int? Rank);

/// <summary>
/// The tally of a meeting's valid ballots (docs/tally.md). Decimal arithmetic throughout; rounding only in
/// <see cref="Display"/>: half away from zero to 2 decimals. Ranks compare the displayed (rounded) scores,
/// so two reporters shown with the same score share the rank.
/// </summary>
public static class Tally
{
    public const int MinCategoryShown = 5;

    public static bool IsShown(int marks) => marks >= MinCategoryShown;

    /// <summary>The tally of a meeting's ballots (the invalid ones are left out).</summary>
    public static IReadOnlyList<ReporterTally> Compute(IReadOnlyList<ReporterForm> reporters, IReadOnlyList<TallyCategory> categories,
        IEnumerable<MeetingBallot> ballots, BallotRules rules) =>
        Compute(reporters, categories, Group(ballots), rules);

    /// <summary>
    /// The tally from the valid ballots' marks grouped by category and identical mark, with how often each was given:
    /// all the tally needs (the database can count them, so the ballots need not be loaded one by one).
    /// </summary>
    public static IReadOnlyList<ReporterTally> Compute(IReadOnlyList<ReporterForm> reporters, IReadOnlyList<TallyCategory> categories,
        IEnumerable<MarkGroup> validMarks, BallotRules rules)
    {
        var byReporter = validMarks.ToLookup(g => g.Mark.ReporterId);
        var result = reporters.Select(r => ForReporter(r, categories, byReporter[r.ReporterId], rules.TrimK)).ToList();
        return Rank(result);
    }

    /// <summary>The valid ballots' marks grouped as <see cref="MarkGroup"/>s (what the database's GROUP BY returns).</summary>
    public static IReadOnlyList<MarkGroup> Group(IEnumerable<MeetingBallot> ballots) =>
        ballots.Where(b => b.IsValid)
            .SelectMany(b => b.Marks.Select(m => (b.CategoryId, Mark: m)))
            .GroupBy(x => (x.CategoryId, x.Mark.ReporterId, x.Mark.Grade, Points: x.Mark.Points is null ? null : string.Join("/", x.Mark.Points)))
            .Select(g => new MarkGroup(g.Key.CategoryId, g.First().Mark, g.LongCount()))
            .ToList();

    private static ReporterTally ForReporter(ReporterForm reporter, IReadOnlyList<TallyCategory> categories, IEnumerable<MarkGroup> groups, int trimK)
    {
        // Every usable mark for this reporter on a valid ballot, with its category, as (points, how many).
        var marks = groups
            .Select(g => (g.CategoryId, g.Mark, Points: BallotRules.PointsOf(reporter.Form, g.Mark), g.Count))
            .Where(x => x.Points is not null)
            .ToList();
        var total = (int)marks.Sum(m => m.Count);

        var grades = new List<GradeCount>();
        decimal? topRate = null, topTwoRate = null;
        if (reporter.Form.Kind == BallotKind.Grade)
        {
            grades = reporter.Form.Grades.Select(g => new GradeCount(g.Label, g.Points, (int)marks.Where(m => m.Mark.Grade == g.Label).Sum(m => m.Count))).ToList();
            if (total > 0)
            {
                topRate = (decimal)grades[0].Count / total;
                topTwoRate = (decimal)grades.Take(2).Sum(g => g.Count) / total;
            }
        }

        var withMarks = categories
            .Select(c => (Category: c, Points: marks.Where(m => m.CategoryId == c.Id).GroupBy(m => m.Points!.Value)
                .Select(g => (Value: g.Key, Count: g.Sum(m => m.Count))).ToList()))
            .Where(x => x.Points.Count > 0)
            .ToList();
        var weightSum = withMarks.Sum(x => x.Category.Weight);
        var rows = withMarks.Select(x =>
        {
            var count = x.Points.Sum(p => p.Count);
            var mean = x.Points.Sum(p => p.Value * p.Count) / count;
            var (trimmed, used) = TrimmedMean(x.Points, trimK);
            var effective = weightSum > 0 ? x.Category.Weight / weightSum : 0m;
            return new CategoryTally(x.Category.Id, x.Category.Name, x.Category.Weight, (int)count, mean, trimmed, used, effective);
        }).ToList();
        decimal? score = weightSum > 0 ? rows.Sum(r => r.Weight * r.UsedMean) / weightSum : null;
        return new ReporterTally(reporter.ReporterId, reporter.TrackId, reporter.Form.Kind, total, grades, topRate, topTwoRate, rows, score, null);
    }

    /// <summary>
    /// Drops the k highest and k lowest points when there are at least 2k + 3 (so at least 3 remain),
    /// and returns the mean of the rest; otherwise the plain mean, untrimmed.
    /// </summary>
    public static (bool Trimmed, decimal Mean) TrimmedMean(IReadOnlyList<decimal> points, int k) =>
        TrimmedMean(points.GroupBy(p => p).Select(g => (g.Key, (long)g.Count())).ToList(), k);

    /// <summary><see cref="TrimmedMean(IReadOnlyList{decimal}, int)"/> over points given as (value, how many).</summary>
    public static (bool Trimmed, decimal Mean) TrimmedMean(IReadOnlyList<(decimal Value, long Count)> points, int k)
    {
        var n = points.Sum(p => p.Count);
        if (n == 0) throw new ArgumentException("No points.", nameof(points));
        if (k <= 0 || n < 2 * k + 3) return (false, points.Sum(p => p.Value * p.Count) / n);
        // Walk the values in order and keep the marks from position k to n − k − 1.
        decimal sum = 0;
        long position = 0;
        foreach (var (value, count) in points.OrderBy(p => p.Value))
        {
            var keptFrom = Math.Max(position, k);
            var keptTo = Math.Min(position + count, n - k);
            if (keptTo > keptFrom) sum += value * (keptTo - keptFrom);
            position += count;
        }
        return (true, sum / (n - 2 * k));
    }

    /// <summary>Competition ranking (1, 1, 3) within each track by the displayed score, highest first; no score, no rank.</summary>
    private static List<ReporterTally> Rank(List<ReporterTally> tallies)
    {
        var ranks = new Dictionary<int, int>();
        foreach (var track in tallies.Where(t => t.Score is not null).GroupBy(t => t.TrackId))
        {
            var ordered = track.Select(t => (t.ReporterId, Shown: Display.Round(t.Score!.Value))).OrderByDescending(t => t.Shown).ToList();
            for (var i = 0; i < ordered.Count; i++)
                ranks[ordered[i].ReporterId] = i > 0 && ordered[i].Shown == ordered[i - 1].Shown ? ranks[ordered[i - 1].ReporterId] : i + 1;
        }
        return tallies.Select(t => t with { Rank = ranks.TryGetValue(t.ReporterId, out var r) ? r : null }).ToList();
    }

    /// <summary>Display rounding: half away from zero, 2 decimals. Rates are shown as percentages.</summary>
    public static class Display
    {
        public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

        public static string Points(decimal? value) => value is null ? "—" : Round(value.Value).ToString("0.00", CultureInfo.InvariantCulture);

        public static string Rate(decimal? share) => share is null ? "—" : Round(share.Value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
    }
}
