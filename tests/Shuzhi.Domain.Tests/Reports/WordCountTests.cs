using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Tests.Reports;

public class WordCountTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("我们 开展", 4)]               // ASCII space not counted
    [InlineData("我们\u3000开展", 4)]          // full-width space U+3000 not counted
    [InlineData("我们\u00A0开展\t学习", 6)]    // no-break space and tab not counted
    [InlineData("第一段\n第二段\r\n", 6)]      // line breaks not counted
    [InlineData("PPT汇报", 5)]                 // each Latin letter counts one
    [InlineData("2023年", 5)]                  // each digit counts one (Word's 字数 would say 2)
    [InlineData("１２次", 3)]                  // full-width digits count one each
    [InlineData("3.5万元", 5)]                 // the decimal point counts
    [InlineData("，。、“”《》", 7)]            // each CJK punctuation mark counts one
    [InlineData("——", 2)]                      // the Chinese dash is two characters
    [InlineData("a, b.", 4)]                   // Latin punctuation counts, the space does not
    [InlineData("\u200B\uFEFF", 0)]            // zero-width space and BOM are invisible
    [InlineData("\U00020000字", 2)]           // a CJK Extension B character (surrogate pair) counts one
    public void Counts_characters_without_spaces_as_Word_does(string text, int expected) =>
        Assert.Equal(expected, WordCount.Characters(text));

    [Fact]
    public void Null_counts_zero() => Assert.Equal(0, WordCount.Characters(null));
}
