namespace Shuzhi.Domain.Meetings;

/// <summary>
/// 票数核对 for one category: issued (发出), returned (收回 = phone ballots + paper sheets collected),
/// valid (有效) and invalid (无效). Flags: more returned than issued; valid + invalid ≠ returned
/// (paper sheets collected but not yet entered, or entered twice).
/// </summary>
public sealed record CategoryReconciliation(int CategoryId, string Name, int Issued, int Phone, int Paper, int Valid, int Invalid)
{
    public int Returned => Phone + Paper;
    public bool ReturnedExceedsIssued => Returned > Issued;
    public bool CountsDisagree => Valid + Invalid != Returned;
    public bool Ok => !ReturnedExceedsIssued && !CountsDisagree;
}

public static class Reconciliation
{
    /// <summary>
    /// One row per category. <paramref name="paperCollected"/> is the number of paper sheets staff counted out of
    /// the ballot box per category; a category missing there counts its entered paper ballots.
    /// </summary>
    public static IReadOnlyList<CategoryReconciliation> Compute(IReadOnlyList<VoterCategoryCount> categories, IEnumerable<MeetingBallot> ballots,
        IReadOnlyDictionary<int, int>? paperCollected = null) =>
        Compute(categories, ballots.GroupBy(b => (b.CategoryId, b.Source, b.IsValid)).Select(g => new BallotCount(g.Key.CategoryId, g.Key.Source, g.Key.IsValid, g.Count())), paperCollected);

    /// <summary>The same from ballots counted by category, source and validity (as a database GROUP BY returns them).</summary>
    public static IReadOnlyList<CategoryReconciliation> Compute(IReadOnlyList<VoterCategoryCount> categories, IEnumerable<BallotCount> counts,
        IReadOnlyDictionary<int, int>? paperCollected = null)
    {
        var list = counts.ToList();
        return categories.Select(c =>
        {
            var mine = list.Where(b => b.CategoryId == c.Id).ToList();
            var phone = mine.Where(b => b.Source == BallotSource.Phone).Sum(b => b.Count);
            var paper = paperCollected is not null && paperCollected.TryGetValue(c.Id, out var counted) ? counted : mine.Where(b => b.Source == BallotSource.Paper).Sum(b => b.Count);
            return new CategoryReconciliation(c.Id, c.Name, c.Issued, phone, paper, mine.Where(b => b.IsValid).Sum(b => b.Count), mine.Where(b => !b.IsValid).Sum(b => b.Count));
        }).ToList();
    }
}

/// <summary>How many ballots of a category came from one source with one validity.</summary>
public sealed record BallotCount(int CategoryId, BallotSource Source, bool IsValid, int Count);

/// <summary>A category with the ballots issued to it.</summary>
public sealed record VoterCategoryCount(int Id, string Name, int Issued);
