namespace Shuzhi.Domain.Tests;

public sealed class ChineseNumeralsTests
{
    [Theory]
    [InlineData(1, "一")]
    [InlineData(4, "四")]
    [InlineData(10, "十")]
    [InlineData(11, "十一")]
    [InlineData(20, "二十")]
    [InlineData(21, "21")]
    [InlineData(0, "0")]
    public void Heading_numbers_in_chinese(int n, string expected) => Assert.Equal(expected, ChineseNumerals.Of(n));
}
