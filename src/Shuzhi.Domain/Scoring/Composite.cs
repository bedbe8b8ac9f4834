using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Meetings;

namespace Shuzhi.Domain.Scoring;

/// <summary>A component's raw score on its own scale (ballot form total, template total, or 100), with where it came from.</summary>
public sealed record ComponentScore(decimal Raw, decimal Scale, string Source = "")
{
    public decimal Normalized => Raw / Scale * 100m;
}

public static class ComponentScores
{
    /// <summary>The meeting tally's ballot score (测评得分) on the ballot form's total.</summary>
    public static ComponentScore FromBallot(decimal tallyScore, BallotForm form) => Checked(tallyScore, form.Total, "现场测评");

    /// <summary>A scored sheet's total on the template total (a direct score: on 100).</summary>
    public static ComponentScore FromSheet(SheetResult sheet, string source = "") => Checked(sheet.Total, sheet.Scale, source);

    /// <summary>A direct score on 100.</summary>
    public static ComponentScore Direct(decimal score, string source = "") => Checked(score, 100m, source);

    /// <summary>
    /// Cross-inspection: the mean of the inspecting units' totals, all on the same template; with trimK &gt; 0
    /// the trimK highest and lowest are dropped when there are at least 2·trimK + 3 totals (as the ballot tally).
    /// </summary>
    public static ComponentScore CrossMean(IReadOnlyList<SheetResult> sheets, int trimK)
    {
        if (sheets.Count == 0) throw new DomainException("Scoring.NoSheets");
        if (sheets.Select(s => s.Scale).Distinct().Count() > 1) throw new DomainException("Scoring.MixedScales");
        var (trimmed, mean) = Tally.TrimmedMean(sheets.Select(s => s.Total).ToList(), trimK);
        return Checked(mean, sheets[0].Scale, trimmed ? $"交叉检查互评（{sheets.Count}份，去掉最高最低各{trimK}份）" : $"交叉检查互评（{sheets.Count}份）");
    }

    private static ComponentScore Checked(decimal raw, decimal scale, string source)
    {
        if (scale <= 0) throw new DomainException("Scoring.ScaleNotPositive");
        if (raw < 0) throw new DomainException("Scoring.PointsNegative", source);
        return new ComponentScore(raw, scale, source);
    }
}

/// <summary>What is known of one reporter: component scores, waived components with reasons, a forced grade from a veto.</summary>
public sealed record ReporterScores(int ReporterId, IReadOnlyDictionary<ScoreComponent, ComponentScore> Scores,
    IReadOnlyDictionary<ScoreComponent, string> Waivers, Grade? VetoGrade = null);

/// <summary>
/// One component's figures. <see cref="EffectiveWeight"/> is the weight renormalized over the present components
/// (equal to <see cref="Weight"/> when none is waived); <see cref="Contribution"/> = normalized × effective weight / 100.
/// A waived line has no figures.
/// </summary>
public sealed record CompositeLine(ScoreComponent Component, int Weight, bool Waived, string? WaiverReason,
    decimal? Raw, decimal? Scale, decimal? Normalized, decimal? EffectiveWeight, decimal? Contribution, string Source);

/// <summary>A reporter's composite, or the components missing that block it; rank within the track by the rounded composite.</summary>
public sealed record CompositeResult(int ReporterId, IReadOnlyList<CompositeLine> Lines, decimal? Value,
    IReadOnlyList<ScoreComponent> Missing, Grade? VetoGrade, int? Rank)
{
    public bool Blocked => Value is null;

    /// <summary>The value as shown and compared: 2 decimals, half away from zero.</summary>
    public decimal? Shown => Value is { } v ? Tally.Display.Round(v) : null;

    /// <summary>The first blocking problem as a (code, args) pair, for messages.</summary>
    public (string Code, object[] Args)? Problem =>
        Missing.Count > 0 ? ("Scoring.ComponentMissing", [Missing[0].Name()])
        : Value is null ? ("Scoring.AllComponentsWaived", [])
        : null;
}

/// <summary>
/// 综合评价 (docs/scoring.md): each component normalized to 0–100 (raw / scale × 100) and combined by the track's
/// weights. A missing component blocks the reporter unless waived with a reason; the weights are then
/// renormalized over the present components. Decimal arithmetic; rounding only for display and ranking.
/// </summary>
public static class Composite
{
    public const int MaxWaiverReason = 500;

    public static IReadOnlyList<CompositeResult> Compute(IReadOnlyList<WeightedComponent> components, IReadOnlyList<ReporterScores> reporters)
    {
        var weightErrors = Weights.Validate(components);
        if (weightErrors.Count > 0) throw new DomainException(weightErrors[0].Code, weightErrors[0].Args);
        var results = reporters.Select(r => For(components, r)).ToList();
        return Rank(results);
    }

    private static CompositeResult For(IReadOnlyList<WeightedComponent> components, ReporterScores r)
    {
        foreach (var (c, reason) in r.Waivers)
        {
            if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Scoring.WaiverReasonRequired", c.Name());
            if (reason.Trim().Length > MaxWaiverReason) throw new DomainException("Scoring.ReasonTooLong", MaxWaiverReason);
        }
        foreach (var (c, s) in r.Scores)
        {
            if (s.Scale <= 0) throw new DomainException("Scoring.ScaleNotPositive");
            if (s.Raw < 0) throw new DomainException("Scoring.PointsNegative", c.Name());
        }
        // A waiver only counts for a component that has no score: a present score is always used.
        var present = components.Where(c => r.Scores.ContainsKey(c.Component)).ToList();
        var missing = components.Where(c => !r.Scores.ContainsKey(c.Component) && !r.Waivers.ContainsKey(c.Component)).Select(c => c.Component).ToList();
        decimal presentWeight = present.Sum(c => c.Weight);
        var lines = components.Select(c =>
        {
            if (r.Scores.TryGetValue(c.Component, out var s))
            {
                var effective = c.Weight * 100m / presentWeight;
                var normalized = s.Normalized;
                return new CompositeLine(c.Component, c.Weight, false, null, s.Raw, s.Scale, normalized, effective, normalized * effective / 100m, s.Source);
            }
            var waived = r.Waivers.TryGetValue(c.Component, out var why);
            return new CompositeLine(c.Component, c.Weight, waived, waived ? why!.Trim() : null, null, null, null, null, null, "");
        }).ToList();
        decimal? value = missing.Count == 0 && present.Count > 0 ? lines.Where(l => l.Contribution is not null).Sum(l => l.Contribution!.Value) : null;
        return new CompositeResult(r.ReporterId, lines, value, missing, r.VetoGrade, null);
    }

    /// <summary>Competition ranking (1, 1, 3) by the shown (rounded) composite, highest first; blocked reporters have no rank.</summary>
    private static List<CompositeResult> Rank(List<CompositeResult> results)
    {
        var ordered = results.Where(r => r.Value is not null).OrderByDescending(r => r.Shown).ToList();
        var ranks = new Dictionary<int, int>();
        for (var i = 0; i < ordered.Count; i++)
            ranks[ordered[i].ReporterId] = i > 0 && ordered[i].Shown == ordered[i - 1].Shown ? ranks[ordered[i - 1].ReporterId] : i + 1;
        return results.Select(r => r with { Rank = ranks.TryGetValue(r.ReporterId, out var k) ? k : null }).ToList();
    }
}
