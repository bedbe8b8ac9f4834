using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Tests.Reports;

public class ReportRulesValidationTests
{
    [Fact]
    public void The_seed_configurations_are_valid()
    {
        Assert.Empty(ReportRules.Seed003.Validate());
        Assert.Empty(ReportRules.Seed000.Validate());
        Assert.Empty(ReportRules.Seed004.Validate());
        Assert.Equal(1500, ReportRules.Seed003.Length.Min);
        Assert.Equal(2000, ReportRules.Seed003.Length.Max);
        Assert.Equal(3000, ReportRules.Seed000.Length.Max);
        Assert.Null(ReportRules.Seed000.Length.Min);
    }

    [Fact]
    public void Invalid_numbers_are_reported_with_codes()
    {
        var s = ReportRules.Seed003;
        Assert.Contains((s with { Length = s.Length with { Min = 2500 } }).Validate(), e => e.Code == "ReportRules.LengthMinAboveMax" && (int)e.Args[0] == 2500);
        Assert.Contains((s with { Length = s.Length with { Min = -1 } }).Validate(), e => e.Code == "ReportRules.LengthNegative");
        Assert.Contains((s with { Length = new LengthRule(true, RuleSeverity.Blocking, null, null) }).Validate(), e => e.Code == "ReportRules.LengthNoBounds");
        Assert.Contains((s with { ProblemsShare = s.ProblemsShare with { Min = Fraction.Of(4, 3) } }).Validate(), e => e.Code == "ReportRules.ShareOutOfRange" && (string)e.Args[0] == "ProblemsShare");
        Assert.Contains((s with { ProblemsShare = s.ProblemsShare with { Min = Fraction.Of(1, 0) } }).Validate(), e => e.Code == "ReportRules.ShareOutOfRange");
        Assert.Contains((s with { AchievementsShare = s.AchievementsShare with { Min = Fraction.Percent(70), Max = Fraction.Percent(65) } }).Validate(), e => e.Code == "ReportRules.ShareMinAboveMax");
        Assert.Contains((s with { DataFigures = s.DataFigures with { MinCount = -1 } }).Validate(), e => e.Code == "ReportRules.DataMinNegative");
        Assert.Contains((s with { Rectification = s.Rectification with { MinCharacters = 0 } }).Validate(), e => e.Code == "ReportRules.RectificationMinBelowOne");
        Assert.Contains((s with { ProblemList = s.ProblemList with { MinProblems = 21 } }).Validate(), e => e.Code == "ReportRules.ProblemCountOutOfRange");
        Assert.Contains((s with { ProblemList = s.ProblemList with { CausePhrases = [" "] } }).Validate(), e => e.Code == "ReportRules.CausePhrasesEmpty");
        Assert.Contains((s with { FirstPerson = s.FirstPerson with { SingularPronouns = [] } }).Validate(), e => e.Code == "ReportRules.FirstPersonNoSingular");
        Assert.Contains((s with { Topics = new SimpleRule(true, (RuleSeverity)7) }).Validate(), e => e.Code == "ReportRules.SeverityUnknown");

        var ex = Assert.Throws<DomainException>(() => (s with { Length = s.Length with { Min = 2500 } }).EnsureValid());
        Assert.Equal("ReportRules.LengthMinAboveMax", ex.Code);
        Assert.Same(s, s.EnsureValid());
    }
}
