using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Tests.Reports;

public class FractionTests
{
    [Fact]
    public void Percentages_are_exact_fractions()
    {
        Assert.Equal(Fraction.Of(13, 20), Fraction.Percent(65));
        Assert.Equal(Fraction.Of(7, 20), Fraction.Percent(35));
        Assert.Equal(Fraction.Of(3333, 10000), Fraction.Percent(33.33m));
        Assert.Equal("ReportRules.PercentTooPrecise", Assert.Throws<DomainException>(() => Fraction.Percent(33.333m)).Code);
    }

    [Fact]
    public void One_third_of_1500_is_met_by_500_and_not_by_499()
    {
        var third = Fraction.Of(1, 3);
        Assert.True(third.MinimumMetBy(500, 1500));
        Assert.False(third.MinimumMetBy(499, 1500));
        Assert.True(third.MaximumMetBy(500, 1500));
        Assert.False(third.MaximumMetBy(501, 1500));
        // An empty report meets no positive minimum but every maximum.
        Assert.False(third.MinimumMetBy(0, 0));
        Assert.True(third.MaximumMetBy(0, 0));
    }

    [Fact]
    public void Display_rounds_to_one_decimal()
    {
        Assert.Equal("33.3%", Fraction.Of(1, 3).Display());
        Assert.Equal("65%", Fraction.Percent(65).Display());
        Assert.Equal("1.7%", (Fraction.Percent(35) - Fraction.Of(1, 3)).Display()); // 35% − 1/3 = 1/60 = 1.666…%
        Assert.Equal(Fraction.Of(1, 60), Fraction.Percent(35) - Fraction.Of(1, 3));
        Assert.Equal(33, Fraction.Of(1, 60).FloorOf(2000));                           // 2000/60 = 33.3
    }
}
