using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Tests.Reports;

public class DataFiguresTests
{
    [Theory]
    [InlineData("全年开展党课12次。", "12次")]
    [InlineData("发展入党积极分子3个，", "3个")]
    [InlineData("组织学习三次。", "三次")]
    [InlineData("培养十二名入党积极分子", "十二名")]
    [InlineData("举办宣讲两场", "两场")]
    [InlineData("争取资金3.5万元", "3.5万元")]
    [InlineData("争取资金十二万元", "十二万元")]
    [InlineData("开展活动１２次", "１２次")]
    [InlineData("群众满意度达95%", "95%")]
    [InlineData("群众满意度达95％", "95％")]
    [InlineData("覆盖率达到百分之九十五", "百分之九十五")]
    [InlineData("参与党员30余人", "30余人")]
    [InlineData("服务群众1.2万人", "1.2万人")]
    [InlineData("培训党员126人次", "126人次")]
    [InlineData("走访困难群众15户", "15户")]
    [InlineData("解决问题8项", "8项")]
    public void A_number_with_its_measure_word_is_a_figure(string text, string figure)
    {
        var found = Assert.Single(DataFigures.Find(text));
        Assert.Equal(figure, found.Text);
        Assert.Equal(text.IndexOf(figure, StringComparison.Ordinal), found.Index);
    }

    [Theory]
    [InlineData("2023年12月5日召开会议")]           // dates: 年、月、日 are not measure words
    [InlineData("第一次集中学习")]                   // ordinal
    [InlineData("获评第3名")]                        // ordinal
    [InlineData("一是学习不够。二是落实不够。")]     // list markers
    [InlineData("（一）加强政治建设方面")]
    [InlineData("1. 加强学习")]
    [InlineData("作为一名党员，开展一次谈心")]       // a lone 一 is an article
    [InlineData("从三个方面推进")]                   // 个 before a Chinese character: structure
    [InlineData("增强四个意识，做到两个维护")]       // slogans
    [InlineData("深刻领悟“两个确立”")]               // quoted slogan
    [InlineData("学习省委十二届二次、三次、四次全会精神")] // session numbers
    [InlineData("贯彻县委十五届五次、六次全会部署")]
    [InlineData("学习党的二十大精神")]
    [InlineData("服务千家万户")]                     // idiom: a lone 千 or 万
    public void Dates_ordinals_markers_slogans_and_sessions_are_not_figures(string text) =>
        Assert.Empty(DataFigures.Find(text));

    [Fact]
    public void A_paragraph_counts_only_its_figures()
    {
        // Figures: 12次, 3名, 两场, 95% → 4. Not: 2023年, 第一, 四个意识, 二次全会, 一名.
        const string text = "2023年，我带头讲党课12次，发展入党积极分子3名，举办宣讲两场，群众满意度95%。第一，增强四个意识；学习十二届二次全会精神，作为一名书记带头落实。";
        Assert.Equal(["12次", "3名", "两场", "95%"], DataFigures.Find(text).Select(f => f.Text));
        Assert.Equal(4, DataFigures.Count(text));
    }
}
