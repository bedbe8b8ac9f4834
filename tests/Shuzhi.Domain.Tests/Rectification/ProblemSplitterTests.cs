using Shuzhi.Domain.Rectification;
using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Tests.Rectification;

public class ProblemSplitterTests
{
    private static string[] Texts(ProblemSplit s) => s.Problems.Select(p => p.Text).ToArray();

    [Fact]
    public void Splits_yi_shi_er_shi_and_stops_before_the_cause_analysis()
    {
        const string text = "对照上级要求和群众期盼，还存在一些差距和不足：一是理论学习不够深入。对党的创新理论学得不深、悟得不透，以干代学现象仍然存在。" +
                            "二是组织生活不够规范。个别支部“三会一课”记录不全，主题党日内容单一。三是发展党员质量不高，青年党员占比偏低。" +
                            "究其原因，主要在于：一是思想认识不到位，二是责任落实不够有力。";
        var s = ProblemSplitter.Split(text);

        Assert.Equal(
            ["理论学习不够深入。对党的创新理论学得不深、悟得不透，以干代学现象仍然存在。",
             "组织生活不够规范。个别支部“三会一课”记录不全，主题党日内容单一。",
             "发展党员质量不高，青年党员占比偏低。"],
            Texts(s));
        Assert.Equal([0, 1, 2], s.Problems.Select(p => p.Index));
        Assert.Equal("对照上级要求和群众期盼，还存在一些差距和不足：", s.Preamble);
        Assert.Equal("究其原因，主要在于：一是思想认识不到位，二是责任落实不够有力。", s.Cause);
        // Counting and splitting agree.
        Assert.Equal(3, ProblemList.Count(text));
    }

    [Fact]
    public void Seed_003_outline_cause_phrase_after_numbered_lines()
    {
        const string text = "1. 党建引领基层治理作用发挥不充分，网格党小组作用不明显；\n" +
                            "2、村级后备力量培养不足，35岁以下村干部仅2人；\n" +
                            "３．党员教育管理不够严格，流动党员联系不紧。\n" +
                            "以上问题究其原因，主要在于……";
        var s = ProblemSplitter.Split(text);
        Assert.Equal(
            ["党建引领基层治理作用发挥不充分，网格党小组作用不明显", "村级后备力量培养不足，35岁以下村干部仅2人", "党员教育管理不够严格，流动党员联系不紧。"],
            Texts(s));
        Assert.Null(s.Preamble);
        Assert.Equal("以上问题究其原因，主要在于……", s.Cause);
    }

    [Theory]
    [InlineData("（一）政治建设有差距。（二）组织建设有短板。二、原因分析\n一是学习不够。", 2, "二、原因分析\n一是学习不够。")]
    [InlineData("(1)学习不深\n(2)生活不严\n产生问题的主要原因是责任压力传导不够。", 2, "产生问题的主要原因是责任压力传导不够。")]
    [InlineData("一是学习不深；二是生活不严。上述问题的根源在于放松了要求。", 2, "上述问题的根源在于放松了要求。")]
    [InlineData("一是学习不深；二是生活不严。", 2, null)]
    [InlineData("一是学习不深；二是生活不严。\n深刻剖析问题产生的根源，在于宗旨意识淡化。", 2, "深刻剖析问题产生的根源，在于宗旨意识淡化。")]
    [InlineData("一是学习不深；二是生活不严。原因是放松了自我要求。", 2, "原因是放松了自我要求。")]
    public void Cause_starts_are_recognised(string text, int problems, string? cause)
    {
        var s = ProblemSplitter.Split(text);
        Assert.Equal(problems, s.Problems.Count);
        Assert.Equal(cause, s.Cause);
    }

    [Fact]
    public void A_problem_that_mentions_a_reason_inside_a_clause_is_not_cut()
    {
        var s = ProblemSplitter.Split("一是对群众反映问题的原因调查不深，处理不及时。二是主要领导过问少。");
        Assert.Equal(["对群众反映问题的原因调查不深，处理不及时。", "主要领导过问少。"], Texts(s));
        Assert.Null(s.Cause);
    }

    [Fact]
    public void Nested_lists_split_on_the_outer_level_when_both_have_as_many_items()
    {
        const string text = "（一）政治建设方面。一是学习不深；二是研讨不够。（二）组织建设方面。一是换届不规范；二是台账不全。";
        var s = ProblemSplitter.Split(text);
        Assert.Equal(["政治建设方面。一是学习不深；二是研讨不够。", "组织建设方面。一是换届不规范；二是台账不全。"], Texts(s));
    }

    [Fact]
    public void Mixed_styles_split_on_the_style_with_most_items()
    {
        // Paragraph headings （一）（二） and, within, one 一是…四是 run: the four 是-items win.
        const string text = "（一）学习方面：一是学得不深；二是用得不活。\n（二）作风方面：三是调研不实；四是整改不力。";
        var s = ProblemSplitter.Split(text);
        Assert.Equal(4, s.Problems.Count);
        Assert.Equal("学得不深", s.Problems[0].Text);
        Assert.Equal("用得不活。", s.Problems[1].Text); // the heading （二）作风方面 is not part of the problem
        Assert.Equal("调研不实", s.Problems[2].Text);
        Assert.Equal("整改不力。", s.Problems[3].Text);
        Assert.Equal("（一）学习方面：", s.Preamble);
        Assert.Equal(4, ProblemList.Count(text));
    }

    [Fact]
    public void A_parenthesised_number_inside_a_problem_is_not_a_heading_when_the_list_does_not_start_with_one()
    {
        var s = ProblemSplitter.Split("一是落实《条例》第十条(1)款不到位；二是台账不全；三是记录不规范。");
        Assert.Equal(["落实《条例》第十条(1)款不到位", "台账不全", "记录不规范。"], Texts(s));
    }

    [Fact]
    public void Without_markers_the_whole_text_is_one_problem()
    {
        var s = ProblemSplitter.Split("  抓基层党建工作的办法不多，对软弱涣散村党组织整顿用力不够。\n究其原因，是思想上重视不够。");
        Assert.Equal(["抓基层党建工作的办法不多，对软弱涣散村党组织整顿用力不够。"], Texts(s));
        Assert.Equal(0, s.Problems[0].Index);
        Assert.Equal("究其原因，是思想上重视不够。", s.Cause);
    }

    [Fact]
    public void Full_width_digits_and_indentation()
    {
        var s = ProblemSplitter.Split("\u3000\u3000１．学习不深\n\u3000\u3000２、生活不严\n\u3000\u3000３）执行不力");
        Assert.Equal(["学习不深", "生活不严", "执行不力"], Texts(s));
        Assert.Null(s.Preamble);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void Empty_text_has_no_problems(string? text)
    {
        var s = ProblemSplitter.Split(text);
        Assert.Empty(s.Problems);
        Assert.Null(s.Cause);
    }

    [Fact]
    public void Only_a_cause_analysis_has_no_problems()
    {
        var s = ProblemSplitter.Split("究其原因，主要是学习不够。");
        Assert.Empty(s.Problems);
        Assert.Equal("究其原因，主要是学习不够。", s.Cause);
    }

    [Fact]
    public void Empty_items_between_markers_are_skipped_and_indexes_stay_dense()
    {
        var s = ProblemSplitter.Split("一是；二是生活不严；三是执行不力。");
        Assert.Equal(["生活不严", "执行不力。"], Texts(s));
        Assert.Equal([0, 1], s.Problems.Select(p => p.Index));
    }

    [Fact]
    public void Decimals_and_words_containing_yi_shi_are_not_markers()
    {
        var s = ProblemSplitter.Split("3.5万元资金未及时拨付，这是唯一是非判断的依据不足。");
        Assert.Single(s.Problems);
    }
}
