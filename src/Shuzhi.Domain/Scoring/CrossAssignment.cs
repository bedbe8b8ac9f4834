namespace Shuzhi.Domain.Scoring;

/// <summary>A unit taking part in cross-inspection, with its optional group (e.g. 学院党总支 vs 直属党支部).</summary>
public sealed record CrossUnit(int Id, int? GroupId = null);

/// <summary>One row of the assignment table (seed 004 附件2): <see cref="Inspector"/> inspects <see cref="Inspected"/>.</summary>
public sealed record CrossPair(int Inspector, int Inspected);

public enum IssueLevel
{
    Warning = 1,
    Error = 2,
}

/// <summary>A finding about a (hand-edited) table: errors make it unusable, warnings are shown and may be accepted.</summary>
public sealed record CrossIssue(IssueLevel Level, string Code, object[] Args);

/// <summary>
/// 交叉检查互评 assignment (docs/scoring.md). A circulant table over a seeded random order: unit at position i
/// inspects the units at positions i + d (mod n) for each offset d of a set D of k offsets. Every unit then
/// inspects exactly k units and is inspected by exactly k, never itself, with no duplicate.
/// A reciprocal pair (A→B and B→A) arises only for offsets d and n − d both in D; the offsets are chosen
/// so that this never happens when n ≥ 2k + 1 and happens the fewest possible times otherwise.
/// Across groups, when the circulant cannot reach k, a seeded flow (b-matching) finds a table whenever one exists.
/// </summary>
public static class CrossAssignment
{
    public static IReadOnlyList<CrossPair> Generate(IReadOnlyList<CrossUnit> units, int k, int seed, bool acrossGroupsOnly)
    {
        if (k < 1) throw new DomainException("Scoring.CrossKOutOfRange");
        if (units.Select(u => u.Id).Distinct().Count() != units.Count) throw new DomainException("Scoring.CrossDuplicateUnit");
        var n = units.Count;
        if (k > n - 1) throw new DomainException("Scoring.CrossTooFewUnits", n, k);
        var random = new Random(seed);

        List<CrossUnit> order;
        int largest;
        if (acrossGroupsOnly)
        {
            if (units.Any(u => u.GroupId is null)) throw new DomainException("Scoring.CrossGroupMissing");
            // Groups in random order, units shuffled within each group, groups kept contiguous.
            var groups = units.GroupBy(u => u.GroupId!.Value).OrderBy(g => g.Key).Select(g => Shuffle(g.OrderBy(u => u.Id).ToList(), random)).ToList();
            order = Shuffle(groups, random).SelectMany(g => g).ToList();
            largest = groups.Max(g => g.Count);
        }
        else
        {
            order = Shuffle(units.OrderBy(u => u.Id).ToList(), random);
            largest = 1;
        }

        var offsets = Offsets(n, k, largest);
        if (offsets is null)
        {
            // Only with groups: the circulant needs k ≤ n − 2m + 1; a table may still exist.
            var found = Flow(order, k, random);
            if (found is not null) return found;
            var most = Enumerable.Range(1, k - 1).Reverse().FirstOrDefault(j => Flow(order, j, new Random(seed)) is not null);
            throw new DomainException("Scoring.CrossGroupsImpossible", k, most);
        }
        var pairs = new List<CrossPair>(n * k);
        for (var i = 0; i < n; i++)
            foreach (var d in offsets)
                pairs.Add(new CrossPair(order[i].Id, order[(i + d) % n].Id));
        return pairs;
    }

    /// <summary>
    /// k offsets from the safe range [m, n − m] (m = largest group size, 1 without groups; with groups kept
    /// contiguous, an offset in this range never lands in the inspector's own group). First those below n/2
    /// (no reciprocal), then n/2 (n/2 reciprocal pairs), then the rest (n reciprocal pairs each). Null when the
    /// range holds fewer than k offsets.
    /// </summary>
    public static IReadOnlyList<int>? Offsets(int n, int k, int m)
    {
        var safe = Enumerable.Range(m, Math.Max(0, n - 2 * m + 1)).ToList();
        if (safe.Count < k) return null;
        var ordered = safe.Where(d => 2 * d < n)
            .Concat(safe.Where(d => 2 * d == n))
            .Concat(safe.Where(d => 2 * d > n).OrderBy(d => d));
        return ordered.Take(k).ToList();
    }

    /// <summary>
    /// The fewest reciprocal pairs any table with n units each inspecting k can have: max(0, n(2k − n + 1)/2).
    /// (nk arcs on n(n − 1)/2 unordered pairs: r reciprocal pairs use 2r arcs, so r ≥ nk − n(n − 1)/2.)
    /// </summary>
    public static int MinimumReciprocalPairs(int n, int k) => Math.Max(0, n * (2 * k - n + 1) / 2);

    public static int ReciprocalPairs(IEnumerable<CrossPair> pairs)
    {
        var set = pairs.ToHashSet();
        return set.Count(p => p.Inspector < p.Inspected && set.Contains(new CrossPair(p.Inspected, p.Inspector)));
    }

    /// <summary>
    /// Checks a table (typically hand-edited). Errors: a unit inspecting itself, a duplicate row, an unknown unit,
    /// and — when across groups only was asked — a pair within one group. Warnings: a unit not inspecting or not
    /// inspected exactly k times, and a reciprocal pair.
    /// </summary>
    public static IReadOnlyList<CrossIssue> Validate(IReadOnlyList<CrossPair> pairs, IReadOnlyList<CrossUnit> units, int k, bool acrossGroupsOnly)
    {
        var issues = new List<CrossIssue>();
        var byId = units.ToDictionary(u => u.Id);
        foreach (var p in pairs.Where(p => p.Inspector == p.Inspected))
            issues.Add(new(IssueLevel.Error, "Scoring.CrossSelf", [p.Inspector]));
        foreach (var g in pairs.GroupBy(p => p).Where(g => g.Count() > 1))
            issues.Add(new(IssueLevel.Error, "Scoring.CrossDuplicatePair", [g.Key.Inspector, g.Key.Inspected]));
        foreach (var id in pairs.SelectMany(p => new[] { p.Inspector, p.Inspected }).Distinct().Where(id => !byId.ContainsKey(id)))
            issues.Add(new(IssueLevel.Error, "Scoring.CrossUnknownUnit", [id]));
        if (acrossGroupsOnly)
            foreach (var p in pairs.Where(p => p.Inspector != p.Inspected && byId.TryGetValue(p.Inspector, out var a) && byId.TryGetValue(p.Inspected, out var b) && a.GroupId == b.GroupId))
                issues.Add(new(IssueLevel.Error, "Scoring.CrossSameGroup", [p.Inspector, p.Inspected]));
        var distinct = pairs.Distinct().ToList();
        foreach (var u in units)
        {
            var outs = distinct.Count(p => p.Inspector == u.Id);
            var ins = distinct.Count(p => p.Inspected == u.Id);
            if (outs != k) issues.Add(new(IssueLevel.Warning, "Scoring.CrossOutDegree", [u.Id, outs, k]));
            if (ins != k) issues.Add(new(IssueLevel.Warning, "Scoring.CrossInDegree", [u.Id, ins, k]));
        }
        var set = distinct.ToHashSet();
        foreach (var p in distinct.Where(p => p.Inspector < p.Inspected && set.Contains(new CrossPair(p.Inspected, p.Inspector))))
            issues.Add(new(IssueLevel.Warning, "Scoring.CrossReciprocal", [p.Inspector, p.Inspected]));
        return issues;
    }

    /// <summary>
    /// Across groups, when the circulant has too few safe offsets: a flow (b-matching). Each inspector gets
    /// k rows and each inspected unit at most k, over the allowed rows (other group, no row twice), by augmenting
    /// paths tried in a seeded random order; a table exists exactly when every inspector reaches k. Then reciprocal
    /// pairs are removed where a swap allows it: rows a→b (with b→a) and c→d become a→d and c→b when both are allowed,
    /// new, and not the reverse of a row — degrees unchanged, one reciprocal pair fewer each time. Null when no table exists.
    /// </summary>
    private static List<CrossPair>? Flow(List<CrossUnit> order, int k, Random random)
    {
        var n = order.Count;
        var chosen = new bool[n, n];
        var inDeg = new int[n];
        bool Allowed(int i, int j) => order[i].GroupId != order[j].GroupId;
        var candidates = Enumerable.Range(0, n).Select(_ => Shuffle(Enumerable.Range(0, n).ToList(), random)).ToArray();

        bool Augment(int i, bool[] seen)
        {
            foreach (var j in candidates[i])
            {
                if (seen[j] || chosen[i, j] || !Allowed(i, j)) continue;
                seen[j] = true;
                if (inDeg[j] < k) { chosen[i, j] = true; inDeg[j]++; return true; }
                // j is full: move one of its inspectors elsewhere.
                foreach (var other in candidates[j])
                {
                    if (other == i || !chosen[other, j]) continue;
                    if (Augment(other, seen)) { chosen[other, j] = false; chosen[i, j] = true; return true; }
                }
            }
            return false;
        }

        foreach (var i in Shuffle(Enumerable.Range(0, n).ToList(), random))
            for (var r = 0; r < k; r++)
                if (!Augment(i, new bool[n])) return null;

        // Remove reciprocal pairs by swaps while one exists.
        var improved = true;
        while (improved)
        {
            improved = false;
            var rows = Enumerable.Range(0, n).SelectMany(a => Enumerable.Range(0, n).Where(b => chosen[a, b]).Select(b => (a, b))).ToList();
            foreach (var (a, b) in rows.Where(x => chosen[x.a, x.b] && chosen[x.b, x.a]))
            {
                foreach (var (c, d) in Shuffle(rows.ToList(), random))
                {
                    if (!chosen[c, d] || c == a || d == b || !Allowed(a, d) || !Allowed(c, b)) continue;
                    if (chosen[a, d] || chosen[c, b] || chosen[d, a] || chosen[b, c]) continue;
                    chosen[a, b] = false; chosen[c, d] = false; chosen[a, d] = true; chosen[c, b] = true;
                    improved = true;
                    break;
                }
                if (improved) break;
            }
        }

        var pairs = new List<CrossPair>(n * k);
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++)
                if (chosen[a, b]) pairs.Add(new CrossPair(order[a].Id, order[b].Id));
        return pairs;
    }

    /// <summary>Fisher–Yates, in place, from the last position down.</summary>
    private static List<T> Shuffle<T>(List<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
