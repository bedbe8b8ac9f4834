namespace Shuzhi.Domain.Scoring;

/// <summary>A graded reporter as the quota sees it: grade and rank (null when unranked).</summary>
public sealed record GradedReporter(int ReporterId, Grade Grade, int? Rank);

/// <summary>
/// The outcome of a quota check. <see cref="Required"/> = ceil(MinShareBelowGood × n); <see cref="MoreNeeded"/>
/// = how many more must be graded below 好; <see cref="Candidates"/> are the lowest-ranked 好 (as many as needed, at least one,
/// plus those tied with the last of them: the ones to consider lowering); <see cref="AverageOrPoorMissing"/> when at least one 一般 or 差 is asked and none is given.
/// </summary>
public sealed record QuotaCheck(int Graded, int Required, int BelowGood, int MoreNeeded, bool AverageOrPoorMissing, IReadOnlyList<int> Candidates)
{
    public bool Holds => MoreNeeded == 0 && !AverageOrPoorMissing;
}

/// <summary>
/// 评价为“较好”或以下等次的原则上不低于15% (seeds 002 三.3, 003 四.4): at least ceil(0.15 × n) of the n graded
/// reporters below 好; optionally at least one 一般 or 差 (seed 003: “其中‘一般’和‘差’的要占一定比例”).
/// </summary>
public sealed record Quota(decimal MinShareBelowGood = 0.15m, bool RequireAverageOrPoor = false)
{
    public static Quota Default { get; } = new();

    public int RequiredBelowGood(int n)
    {
        if (MinShareBelowGood is < 0 or > 1) throw new DomainException("Scoring.QuotaShareOutOfRange");
        return (int)Math.Ceiling(MinShareBelowGood * n);
    }

    public QuotaCheck Check(IReadOnlyList<GradedReporter> grades)
    {
        var n = grades.Count;
        var required = RequiredBelowGood(n);
        var below = grades.Count(g => g.Grade.IsBelowGood());
        var more = Math.Max(0, required - below);
        var averageMissing = RequireAverageOrPoor && n > 0 && !grades.Any(g => g.Grade.IsAverageOrPoor());
        // Lowest-ranked 好 first (unranked last among them, then by id for a stable order).
        var goods = grades.Where(g => g.Grade == Grade.Good)
            .OrderByDescending(g => g.Rank ?? int.MinValue).ThenBy(g => g.ReporterId).ToList();
        var take = Math.Max(more, 1);
        var candidates = new List<int>();
        if (goods.Count > 0)
        {
            var chosen = goods.Take(take).ToList();
            var lastRank = chosen[^1].Rank;
            candidates.AddRange(chosen.Select(g => g.ReporterId));
            if (lastRank is not null)
                candidates.AddRange(goods.Skip(take).TakeWhile(g => g.Rank == lastRank).Select(g => g.ReporterId));
        }
        return new QuotaCheck(n, required, below, more, averageMissing, candidates);
    }
}
