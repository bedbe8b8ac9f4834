using Shuzhi.Domain.Scoring;

namespace Shuzhi.Domain.Tests.Scoring;

public class CrossAssignmentTests
{
    private static List<CrossUnit> Units(int n, Func<int, int?>? group = null) =>
        Enumerable.Range(1, n).Select(i => new CrossUnit(100 + i, group?.Invoke(i))).ToList();

    private static string Code(Action a) => Assert.Throws<DomainException>(a).Code;

    /// <summary>No self, no duplicate, n·k rows, every unit k out and k in.</summary>
    private static void AssertBalanced(IReadOnlyList<CrossUnit> units, IReadOnlyList<CrossPair> pairs, int k)
    {
        Assert.Equal(units.Count * k, pairs.Count);
        Assert.DoesNotContain(pairs, p => p.Inspector == p.Inspected);
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        var ids = units.Select(u => u.Id).ToHashSet();
        Assert.All(pairs, p => Assert.True(ids.Contains(p.Inspector) && ids.Contains(p.Inspected)));
        foreach (var u in units)
        {
            Assert.Equal(k, pairs.Count(p => p.Inspector == u.Id));
            Assert.Equal(k, pairs.Count(p => p.Inspected == u.Id));
        }
    }

    [Fact]
    public void Tables_are_balanced_and_avoid_reciprocals_over_many_seeds_and_sizes()
    {
        var runs = 0;
        for (var n = 2; n <= 40; n++)
            for (var k = 1; k <= 4 && k < n; k++)
                for (var seed = 0; seed < 12; seed++)
                {
                    var units = Units(n);
                    var pairs = CrossAssignment.Generate(units, k, seed * 7919 + n, acrossGroupsOnly: false);
                    AssertBalanced(units, pairs, k);
                    var reciprocal = CrossAssignment.ReciprocalPairs(pairs);
                    if (n >= 2 * k + 1)
                    {
                        Assert.Equal(0, reciprocal);
                        Assert.Empty(CrossAssignment.Validate(pairs, units, k, false));
                    }
                    else
                    {
                        // Too few units: the fewest reciprocal pairs possible, n(2k − n + 1)/2.
                        Assert.Equal(CrossAssignment.MinimumReciprocalPairs(n, k), reciprocal);
                        Assert.DoesNotContain(CrossAssignment.Validate(pairs, units, k, false), i => i.Level == IssueLevel.Error);
                    }
                    runs++;
                }
        // n = 2: k 1; n = 3: k 1–2; n = 4: k 1–3; n = 5..40 (36 sizes): k 1–4 → (1 + 2 + 3 + 36·4) · 12 = 150 · 12 = 1800
        Assert.Equal(1800, runs);
    }

    [Theory]
    [InlineData(2, 1, 1)]  // 2·(2 − 2 + 1)/2 = 1: A→B and B→A, unavoidable
    [InlineData(3, 2, 3)]  // 3·(4 − 3 + 1)/2 = 3: every pair both ways
    [InlineData(4, 2, 2)]  // 4·(4 − 4 + 1)/2 = 2 (offset n/2 = 2)
    [InlineData(6, 3, 3)]  // 6·(6 − 6 + 1)/2 = 3
    [InlineData(7, 4, 7)]  // 7·(8 − 7 + 1)/2 = 7
    [InlineData(5, 2, 0)]  // n = 2k + 1: none
    public void Minimum_reciprocals_when_units_are_too_few(int n, int k, int expected)
    {
        Assert.Equal(expected, CrossAssignment.MinimumReciprocalPairs(n, k));
        Assert.Equal(expected, CrossAssignment.ReciprocalPairs(CrossAssignment.Generate(Units(n), k, 1, false)));
    }

    [Fact]
    public void Same_seed_gives_the_same_table_and_another_seed_another()
    {
        var units = Units(20);
        var a = CrossAssignment.Generate(units, 3, 2024, false);
        var b = CrossAssignment.Generate(units, 3, 2024, false);
        Assert.Equal(a, b);
        // The order the units are given in does not matter either.
        var reversed = CrossAssignment.Generate(units.AsEnumerable().Reverse().ToList(), 3, 2024, false);
        Assert.Equal(a.OrderBy(p => p.Inspector).ThenBy(p => p.Inspected), reversed.OrderBy(p => p.Inspector).ThenBy(p => p.Inspected));
        var distinctTables = Enumerable.Range(0, 10)
            .Select(s => string.Join(";", CrossAssignment.Generate(units, 3, s, false).OrderBy(p => p.Inspector).ThenBy(p => p.Inspected)))
            .Distinct().Count();
        Assert.True(distinctTables > 1);
    }

    [Fact]
    public void Across_groups_only_never_pairs_units_of_one_group_over_many_seeds()
    {
        // Groups of sizes 5, 4, 3 (n = 12, largest m = 5): safe offsets [5, 7], 3 of them.
        var units = Units(12, i => i <= 5 ? 1 : i <= 9 ? 2 : 3);
        var group = units.ToDictionary(u => u.Id, u => u.GroupId);
        for (var seed = 0; seed < 50; seed++)
            for (var k = 1; k <= 3; k++)
            {
                var pairs = CrossAssignment.Generate(units, k, seed, acrossGroupsOnly: true);
                AssertBalanced(units, pairs, k);
                Assert.All(pairs, p => Assert.NotEqual(group[p.Inspector], group[p.Inspected]));
                Assert.DoesNotContain(CrossAssignment.Validate(pairs, units, k, true), i => i.Level == IssueLevel.Error);
                // k = 1: offset 5 (< 6) → none; k = 2: + offset 6 = n/2 → 6 pairs; k = 3: + offset 7 = 12 − 5 → 6 + 12 = 18.
                Assert.Equal(k switch { 1 => 0, 2 => 6, _ => 18 }, CrossAssignment.ReciprocalPairs(pairs));
            }
        // k = 4 … 6 > n − 2m + 1 = 3: the flow fallback still finds balanced cross-group tables.
        // k = 6 is feasible: A (5) sends 30: x to C (10 ≤ x ≤ 15, as A→B ≤ 5·4 = 20), 30 − x to B; C needs 18, so B→C = 18 − x;
        // B→A = 24 − (18 − x) ≤ 20 → x ≤ 14; x = 14: B→C 4, B→A 20, C→A 30 − 20 = 10, C→B 18 − 10 = 8 ≤ 12, B gets 16 + 8 = 24. ✓
        for (var seed = 0; seed < 10; seed++)
            for (var k = 4; k <= 6; k++)
            {
                var pairs = CrossAssignment.Generate(units, k, seed, acrossGroupsOnly: true);
                AssertBalanced(units, pairs, k);
                Assert.All(pairs, p => Assert.NotEqual(group[p.Inspector], group[p.Inspected]));
                Assert.Equal(pairs, CrossAssignment.Generate(units, k, seed, acrossGroupsOnly: true));
            }
        // k = 7 is not: A inspects all 7 outside (15 to C, 20 to B); C needs 21 → B→C = 6, so B→A = 28 − 6 = 22 > 5·4 = 20.
        var e = Assert.Throws<DomainException>(() => CrossAssignment.Generate(units, 7, 1, true));
        Assert.Equal("Scoring.CrossGroupsImpossible", e.Code);
        Assert.Equal([7, 6], e.Args);
    }

    [Theory]
    [InlineData(new[] { 2, 2 }, 2)]        // each unit inspects both units of the other group: all reciprocal
    [InlineData(new[] { 3, 3 }, 3)]
    [InlineData(new[] { 4, 4, 2 }, 4)]     // n − 2m + 1 = 10 − 8 + 1 = 3 < 4 ≤ n − m = 6
    [InlineData(new[] { 4, 4, 2 }, 5)]     // A→C = x, B→C = y, x + y = 10, 4 ≤ x, y ≤ 8: feasible (x = y = 5)
    [InlineData(new[] { 6, 3, 3 }, 5)]     // m = 6 = n/2, k ≤ n − m = 6
    public void Uneven_groups_beyond_the_circulant_use_matchings(int[] sizes, int k)
    {
        var units = new List<CrossUnit>();
        for (var g = 0; g < sizes.Length; g++)
            for (var i = 0; i < sizes[g]; i++) units.Add(new CrossUnit(units.Count + 1, g));
        var group = units.ToDictionary(u => u.Id, u => u.GroupId);
        for (var seed = 0; seed < 20; seed++)
        {
            var pairs = CrossAssignment.Generate(units, k, seed, true);
            AssertBalanced(units, pairs, k);
            Assert.All(pairs, p => Assert.NotEqual(group[p.Inspector], group[p.Inspected]));
            Assert.DoesNotContain(CrossAssignment.Validate(pairs, units, k, true), i => i.Level == IssueLevel.Error);
        }
    }

    [Fact]
    public void Across_equal_groups_over_many_sizes()
    {
        // g groups of s units: m = s, safe offsets [s, gs − s]; reciprocal-free while k < gs/2 − s + 1.
        for (var g = 2; g <= 5; g++)
            for (var s = 1; s <= 6; s++)
            {
                var n = g * s;
                var units = Units(n, i => (i - 1) % g);
                var group = units.ToDictionary(u => u.Id, u => u.GroupId);
                for (var k = 1; k <= 4 && k <= n - 2 * s + 1; k++)
                    for (var seed = 0; seed < 5; seed++)
                    {
                        var pairs = CrossAssignment.Generate(units, k, seed, true);
                        AssertBalanced(units, pairs, k);
                        Assert.All(pairs, p => Assert.NotEqual(group[p.Inspector], group[p.Inspected]));
                        var reciprocalFree = Enumerable.Range(s, n - 2 * s + 1).Count(d => 2 * d < n);
                        if (k <= reciprocalFree) Assert.Equal(0, CrossAssignment.ReciprocalPairs(pairs));
                    }
            }
    }

    [Fact]
    public void Groups_4_4_2_allow_at_most_5()
    {
        // k = 6: C (2 units) needs 12 in. A (4 units) sends 24, at most 4·4 = 16 to B, so ≥ 8 to C; B likewise ≥ 8 → C gets ≥ 16 > 12.
        var units = new List<CrossUnit>();
        foreach (var (g, size) in new[] { (1, 4), (2, 4), (3, 2) })
            for (var i = 0; i < size; i++) units.Add(new CrossUnit(units.Count + 1, g));
        var e = Assert.Throws<DomainException>(() => CrossAssignment.Generate(units, 6, 3, true));
        Assert.Equal("Scoring.CrossGroupsImpossible", e.Code);
        Assert.Equal([6, 5], e.Args);
    }

    [Fact]
    public void Generate_refuses_impossible_requests()
    {
        Assert.Equal("Scoring.CrossKOutOfRange", Code(() => CrossAssignment.Generate(Units(5), 0, 1, false)));
        Assert.Equal("Scoring.CrossTooFewUnits", Code(() => CrossAssignment.Generate(Units(3), 3, 1, false)));
        Assert.Equal("Scoring.CrossTooFewUnits", Code(() => CrossAssignment.Generate(Units(1), 1, 1, false)));
        Assert.Equal("Scoring.CrossGroupMissing", Code(() => CrossAssignment.Generate(Units(5), 1, 1, true)));
        Assert.Equal("Scoring.CrossDuplicateUnit", Code(() => CrossAssignment.Generate([new(1), new(1), new(2)], 1, 1, false)));
        // Two groups of 3 and 1: the lone unit would be inspected by all 3 others, not k = 1 → not even k = 1 works.
        Assert.Equal("Scoring.CrossGroupsImpossible", Code(() => CrossAssignment.Generate(Units(4, i => i <= 3 ? 1 : 2), 1, 1, true)));
    }

    [Fact]
    public void Validate_a_hand_edited_table()
    {
        var units = Units(4, i => i <= 2 ? 1 : 2); // 101, 102 in group 1; 103, 104 in group 2
        // k = 1: 101→103, 103→101 (reciprocal), 102→102 (self), 104→102 twice (duplicate), 101→102 (same group).
        CrossPair[] pairs = [new(101, 103), new(103, 101), new(102, 102), new(104, 102), new(104, 102), new(101, 102)];
        var issues = CrossAssignment.Validate(pairs, units, 1, acrossGroupsOnly: true);
        Assert.Contains(issues, i => i is { Level: IssueLevel.Error, Code: "Scoring.CrossSelf" });
        Assert.Contains(issues, i => i is { Level: IssueLevel.Error, Code: "Scoring.CrossDuplicatePair" });
        Assert.Contains(issues, i => i is { Level: IssueLevel.Error, Code: "Scoring.CrossSameGroup" } && (int)i.Args[0] == 101 && (int)i.Args[1] == 102);
        Assert.Contains(issues, i => i is { Level: IssueLevel.Warning, Code: "Scoring.CrossReciprocal" });
        // 101 inspects 103 and 102: 2 ≠ 1.
        Assert.Contains(issues, i => i is { Level: IssueLevel.Warning, Code: "Scoring.CrossOutDegree" } && (int)i.Args[0] == 101 && (int)i.Args[1] == 2);
        // 102 is inspected by itself, 104 (once counted) and 101: 3 ≠ 1.
        Assert.Contains(issues, i => i is { Level: IssueLevel.Warning, Code: "Scoring.CrossInDegree" } && (int)i.Args[0] == 102 && (int)i.Args[1] == 3);
        Assert.Contains(CrossAssignment.Validate([new(101, 999)], units, 1, false), i => i is { Level: IssueLevel.Error, Code: "Scoring.CrossUnknownUnit" });
        // Without the group rule, a same-group pair is no issue.
        Assert.DoesNotContain(CrossAssignment.Validate(pairs, units, 1, false), i => i.Code == "Scoring.CrossSameGroup");
    }
}
