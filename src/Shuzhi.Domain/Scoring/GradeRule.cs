namespace Shuzhi.Domain.Scoring;

public enum GradeRuleKind
{
    Thresholds = 1,  // by the composite
    RankBands = 2,   // by the rank within the track
}

/// <summary>A reporter's proposed grade with the figures behind it.</summary>
public sealed record ProposedGrade(int ReporterId, decimal? Composite, int? Rank, Grade? ByRule, Grade? VetoGrade, Grade? Proposed);

/// <summary>
/// How grades are proposed (docs/scoring.md). Thresholds compare the shown (rounded, 2 decimals) composite:
/// 好 ≥ GoodMin, 较好 ≥ FairlyGoodMin, 一般 ≥ AverageMin, else 差. Rank bands give 好 to the ranks within the top
/// floor(GoodShare × n), 较好 to the ranks within floor((GoodShare + FairlyGoodShare) × n), 一般 within
/// floor((GoodShare + FairlyGoodShare + AverageShare) × n), and 差 to the rest (n = ranked reporters; tied
/// reporters share a rank, so a tie at a boundary goes to the better grade). A veto lowers the grade to its
/// forced grade (the worse of the two is kept).
/// </summary>
public sealed record GradeRule(GradeRuleKind Kind,
    decimal GoodMin = 90m, decimal FairlyGoodMin = 80m, decimal AverageMin = 70m,
    decimal GoodShare = 0m, decimal FairlyGoodShare = 0m, decimal AverageShare = 0m)
{
    public static GradeRule DefaultThresholds { get; } = new(GradeRuleKind.Thresholds);

    public static GradeRule Bands(decimal goodShare, decimal fairlyGoodShare, decimal averageShare) =>
        new(GradeRuleKind.RankBands, GoodShare: goodShare, FairlyGoodShare: fairlyGoodShare, AverageShare: averageShare);

    public IReadOnlyList<(string Code, object[] Args)> Validate()
    {
        var errors = new List<(string, object[])>();
        if (Kind == GradeRuleKind.Thresholds)
        {
            if (!(GoodMin > FairlyGoodMin && FairlyGoodMin > AverageMin)) errors.Add(("Scoring.ThresholdsNotDescending", []));
            if (AverageMin < 0 || GoodMin > 100) errors.Add(("Scoring.ThresholdOutOfRange", []));
        }
        else
        {
            if (GoodShare < 0 || FairlyGoodShare < 0 || AverageShare < 0) errors.Add(("Scoring.BandShareNegative", []));
            if (GoodShare + FairlyGoodShare + AverageShare > 1) errors.Add(("Scoring.BandSharesAbove100", []));
        }
        return errors;
    }

    /// <summary>The grade a shown composite earns under thresholds.</summary>
    public Grade ByThreshold(decimal shown) =>
        shown >= GoodMin ? Grade.Good : shown >= FairlyGoodMin ? Grade.FairlyGood : shown >= AverageMin ? Grade.Average : Grade.Poor;

    /// <summary>The grade a rank earns under rank bands among n ranked reporters.</summary>
    public Grade ByRank(int rank, int n)
    {
        var good = (int)Math.Floor(GoodShare * n);
        var fairly = (int)Math.Floor((GoodShare + FairlyGoodShare) * n);
        var average = (int)Math.Floor((GoodShare + FairlyGoodShare + AverageShare) * n);
        return rank <= good ? Grade.Good : rank <= fairly ? Grade.FairlyGood : rank <= average ? Grade.Average : Grade.Poor;
    }

    /// <summary>Proposed grades for a track's composites; a blocked reporter gets none.</summary>
    public IReadOnlyList<ProposedGrade> Propose(IReadOnlyList<CompositeResult> results)
    {
        var errors = Validate();
        if (errors.Count > 0) throw new DomainException(errors[0].Code, errors[0].Args);
        var n = results.Count(r => r.Rank is not null);
        return results.Select(r =>
        {
            if (r.Shown is not { } shown || r.Rank is not { } rank) return new ProposedGrade(r.ReporterId, null, null, null, r.VetoGrade, null);
            var byRule = Kind == GradeRuleKind.Thresholds ? ByThreshold(shown) : ByRank(rank, n);
            var proposed = r.VetoGrade is { } veto ? Grades.Worse(byRule, veto) : byRule;
            return new ProposedGrade(r.ReporterId, shown, rank, byRule, r.VetoGrade, proposed);
        }).ToList();
    }
}
