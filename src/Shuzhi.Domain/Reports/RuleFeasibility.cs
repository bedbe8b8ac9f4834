namespace Shuzhi.Domain.Reports;

/// <summary>Contradiction: no report can meet the rules together. Tight: one can, but only with a part squeezed to almost nothing.</summary>
public enum FeasibilityKind
{
    Contradiction = 1,
    Tight = 2,
}

/// <summary>A warning for the campaign set-up page, with its code, args and default Chinese text.</summary>
public sealed record FeasibilityWarning(FeasibilityKind Kind, string Code, object[] Args, string Message)
{
    internal static FeasibilityWarning Of(FeasibilityKind kind, string code, params object[] args) => new(kind, code, args, CheckMessages.Format(code, args));
}

/// <summary>
/// Finds rules of a track that cannot all be met together, before anyone writes (issue 4: seed 003 asks for
/// problems ≥ 1/3 AND problems plus plans ≤ 35 %, which leaves at most 1.7 % for plans).
/// <para>
/// Only enabled rules are considered, blocking or advisory alike: an advisory rule that can never be met
/// would be shown failing to every reporter. With shares p (problems), q (plans), a (achievements and
/// highlights) and o (other sections), p + q + a + o = 1, the rules bound s = p + q from below by the pair
/// minimum, the problems minimum and, when the outline has no other section (o = 0), 1 − a max; and from
/// above by the pair maximum and 1 − a min. Every pair of a lower and an upper bound that cross is reported.
/// When the plans part is required it needs at least one character, so the room left for it
/// (upper bound of s − problems minimum) must be positive; below <see cref="TightShare"/> (5 %) it is
/// reported as tight, with the characters it allows at the maximum length.
/// </para>
/// Without an outline, the plans part is taken as required and no other section as present, as in seeds 003 and 004.
/// </summary>
public static class RuleFeasibility
{
    /// <summary>A required part that may take at most 1/20 of the report is almost certainly not what the organisers meant.</summary>
    public static Fraction TightShare { get; } = Fraction.Of(1, 20);

    public static IReadOnlyList<FeasibilityWarning> Check(ReportRules rules, ReportOutline? outline = null)
    {
        var w = new List<FeasibilityWarning>();
        const FeasibilityKind No = FeasibilityKind.Contradiction;

        if (rules.Length is { Enabled: true, Min: { } lmin, Max: { } lmax } && lmin > lmax)
            w.Add(FeasibilityWarning.Of(No, "Feasibility.LengthMinAboveMax", lmin, lmax));

        var problems = rules.ProblemsShare.Enabled ? rules.ProblemsShare : null;
        var achievements = rules.AchievementsShare.Enabled ? rules.AchievementsShare : null;
        var pair = rules.ProblemsAndPlansShare.Enabled ? rules.ProblemsAndPlansShare : null;
        foreach (var (id, rule) in new[] { (CheckIds.ProblemsShare, problems), (CheckIds.AchievementsShare, achievements), (CheckIds.ProblemsAndPlansShare, pair) })
            if (rule is { Min: { } min, Max: { } max } && min.CompareTo(max) > 0)
                w.Add(FeasibilityWarning.Of(No, $"Feasibility.{id}.MinAboveMax", min.Display(), max.Display()));

        var hasOther = outline?.Sections.Any(s => s.Role == SectionRole.Other) ?? false;
        var plansRequired = outline?.Sections.Any(s => s.Role == SectionRole.Plans && s.Required) ?? true;

        if (outline is not null)
        {
            bool Has(params SectionRole[] roles) => outline.Sections.Any(s => roles.Contains(s.Role));
            if (problems?.Min is { Numerator: > 0 } && !Has(SectionRole.Problems))
                w.Add(FeasibilityWarning.Of(No, $"Feasibility.{CheckIds.ProblemsShare}.NoSection"));
            if (achievements?.Min is { Numerator: > 0 } && !Has(SectionRole.Achievements, SectionRole.Highlights))
                w.Add(FeasibilityWarning.Of(No, $"Feasibility.{CheckIds.AchievementsShare}.NoSection"));
            if (pair?.Min is { Numerator: > 0 } && !Has(SectionRole.Problems, SectionRole.Plans))
                w.Add(FeasibilityWarning.Of(No, $"Feasibility.{CheckIds.ProblemsAndPlansShare}.NoSection"));
            if (rules.ProblemList is { Enabled: true } pl && (pl.MinProblems > 0 || pl.RequireCause) && !Has(SectionRole.Problems))
                w.Add(FeasibilityWarning.Of(No, "Feasibility.ProblemListWithoutSection"));
        }

        // Pairs of bounds on s = p + q that cross.
        if (problems?.Min is { } pmin && pair?.Max is { } ppmax && pmin.CompareTo(ppmax) > 0)
            w.Add(FeasibilityWarning.Of(No, "Feasibility.ProblemsAbovePairMax", pmin.Display(), ppmax.Display()));
        if (achievements?.Min is { } amin && pair?.Min is { } ppmin && (amin + ppmin).CompareTo(Fraction.One) > 0)
            w.Add(FeasibilityWarning.Of(No, "Feasibility.BandsAbove100", amin.Display(), ppmin.Display()));
        if (achievements?.Min is { } amin2 && problems?.Min is { } pmin2 && (amin2 + pmin2).CompareTo(Fraction.One) > 0)
            w.Add(FeasibilityWarning.Of(No, "Feasibility.ProblemsAndAchievementsAbove100", pmin2.Display(), amin2.Display()));
        if (!hasOther && achievements?.Max is { } amax && pair?.Max is { } ppmax2 && (amax + ppmax2).CompareTo(Fraction.One) < 0)
            w.Add(FeasibilityWarning.Of(No, "Feasibility.BandsBelow100", amax.Display(), ppmax2.Display()));

        // Room left for a required plans part between the problems minimum and the upper bound of s.
        if (plansRequired && problems?.Min is { } pm && w.Count == 0)
        {
            var byPair = pair?.Max;
            var byAchievements = achievements?.Min is { } am ? Fraction.One - am : null;
            var upper = (byPair, byAchievements) switch
            {
                ({ } x, { } y) => Fraction.Min(x, y),
                ({ } x, null) => x,
                (null, { } y) => y,
                _ => null,
            };
            if (upper is not null)
            {
                var room = upper - pm;
                var boundByPair = byPair is not null && byPair.CompareTo(upper) == 0;
                if (room.Numerator <= 0)
                    w.Add(boundByPair
                        ? FeasibilityWarning.Of(No, "Feasibility.PlansNoRoom", pm.Display(), upper.Display())
                        : FeasibilityWarning.Of(No, "Feasibility.PlansNoRoomByAchievements", pm.Display(), achievements!.Min!.Display()));
                else if (room.CompareTo(TightShare) < 0)
                {
                    if (!boundByPair)
                        w.Add(FeasibilityWarning.Of(FeasibilityKind.Tight, "Feasibility.PlansSqueezedByAchievements", pm.Display(), achievements!.Min!.Display(), room.Display()));
                    else if (rules.Length is { Enabled: true, Max: { } max })
                        w.Add(FeasibilityWarning.Of(FeasibilityKind.Tight, "Feasibility.PlansSqueezedAtLength", pm.Display(), upper.Display(), room.Display(), max, room.FloorOf(max)));
                    else
                        w.Add(FeasibilityWarning.Of(FeasibilityKind.Tight, "Feasibility.PlansSqueezed", pm.Display(), upper.Display(), room.Display()));
                }
            }
        }
        return w;
    }
}
