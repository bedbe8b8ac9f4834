namespace Shuzhi.Domain.Campaigns;

public enum BallotKind
{
    Grade = 1,      // 等次票: 好/较好/一般/差 (seed 003)
    Dimension = 2,  // 分项打分票: 德能勤绩廉学 (seed 000)
}

public sealed record GradeOption(string Label, int Points);

public sealed record Dimension(string Label, int MaxPoints);

/// <summary>
/// The ballot form of a track: a grade per reporter with the points each grade is worth, or
/// points per dimension, 0 to the dimension's maximum, adding up to the ballot total.
/// </summary>
public sealed record BallotForm(BallotKind Kind, IReadOnlyList<GradeOption> Grades, IReadOnlyList<Dimension> Dimensions, int Total)
{
    /// <summary>Seed 003 附件2: 好 100 / 较好 90 / 一般 75 / 差 60.</summary>
    public static BallotForm DefaultGrade() => new(BallotKind.Grade,
        [new("好", 100), new("较好", 90), new("一般", 75), new("差", 60)], [], 100);

    /// <summary>Seed 000: 德20 能15 勤15 绩20 廉15 学15 = 100.</summary>
    public static BallotForm DefaultDimension() => new(BallotKind.Dimension, [],
        [new("德", 20), new("能", 15), new("勤", 15), new("绩", 20), new("廉", 15), new("学", 15)], 100);

    public IReadOnlyList<(string Code, object[] Args)> Validate()
    {
        var errors = new List<(string, object[])>();
        if (Total is < 1 or > 1000) errors.Add(("Ballot.TotalOutOfRange", []));
        if (Kind == BallotKind.Grade)
        {
            if (Grades.Count < 2) errors.Add(("Ballot.TooFewGrades", []));
            if (Grades.Any(g => string.IsNullOrWhiteSpace(g.Label)) || Grades.GroupBy(g => g.Label.Trim()).Any(x => x.Count() > 1))
                errors.Add(("Ballot.GradeLabels", []));
            if (Grades.Any(g => g.Points < 0 || g.Points > Total)) errors.Add(("Ballot.GradePointsOutOfRange", [Total]));
            // Listed best first: each grade worth less than the one before.
            if (Grades.Zip(Grades.Skip(1)).Any(p => p.Second.Points >= p.First.Points)) errors.Add(("Ballot.GradesNotDescending", []));
        }
        else
        {
            if (Dimensions.Count == 0) errors.Add(("Ballot.NoDimensions", []));
            if (Dimensions.Any(d => string.IsNullOrWhiteSpace(d.Label)) || Dimensions.GroupBy(d => d.Label.Trim()).Any(x => x.Count() > 1))
                errors.Add(("Ballot.DimensionLabels", []));
            if (Dimensions.Any(d => d.MaxPoints < 1)) errors.Add(("Ballot.DimensionPointsOutOfRange", []));
            var sum = Dimensions.Sum(d => d.MaxPoints);
            if (Dimensions.Count > 0 && sum != Total) errors.Add(("Ballot.DimensionsNotTotal", [sum, Total]));
        }
        return errors;
    }
}
