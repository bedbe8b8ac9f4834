using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Tests.Reports;

public class OutlineMatcherTests
{
    private static OutlineMatch Match(ReportOutline outline, params string[] paragraphs) =>
        Match(outline, paragraphs.Select(p => new DocumentParagraph(p)).ToList());

    /// <summary>Matches and checks that every non-empty paragraph ended up somewhere, whatever the test is about.</summary>
    private static OutlineMatch Match(ReportOutline outline, IReadOnlyList<DocumentParagraph> paragraphs)
    {
        var match = OutlineMatcher.Match(outline, paragraphs);
        var unplaced = match.Unplaced.ToDictionary(u => u.Index, u => u.Text);
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var text = paragraphs[i].Text.Trim();
            if (text.Length == 0) continue;
            var found = unplaced.GetValueOrDefault(i) == text
                || match.MatchedHeadings.Values.Contains(text)
                || match.Sections.Values.Any(s => s.Split('\n').Contains(text));
            Assert.True(found, $"paragraph {i} \"{text}\" was lost");
        }
        return match;
    }

    private static OutlineMatch Match003(params string[] paragraphs) => Match(ReportOutline.Seed003, paragraphs);

    [Theory]
    [InlineData("一、主要做法和成效", "二、存在问题及原因分析", "三、下步工作打算")]
    [InlineData("一．主要做法和成效", "二.存在问题及原因分析", "三 、 下步工作打算")]
    [InlineData("1.主要做法和成效", "2、存在问题及原因分析", "3．下步工作打算")]
    [InlineData("１．主要做法和成效", "２．存在问题及原因分析", "３．下步工作打算")]
    [InlineData("第一部分 主要做法和成效", "第二部分：存在问题及原因分析", "第三部分　下步工作打算")]
    [InlineData("主要做法和成效", "存在问题及原因分析", "下步工作打算")]
    [InlineData("（一）主要做法和成效", "(二)存在问题及原因分析", "（三）下步工作打算")]
    [InlineData("一、主要做法和成效：", "二、存在问题及原因分析。", "三、下步工作打算:")]
    public void Part_headings_are_found_in_each_numbering_style(string achievements, string problems, string plans)
    {
        var match = Match003(achievements, "开展党课12次。", problems, "一是学习不深。", "二是调研不够。", plans, "一是抓学习。");

        Assert.Equal("开展党课12次。", match.Sections["achievements"]);
        Assert.Equal("一是学习不深。\n二是调研不够。", match.Sections["problems"]);
        Assert.Equal("一是抓学习。", match.Sections["plans"]);
        Assert.Empty(match.Unplaced);
        Assert.Equal(problems, match.MatchedHeadings["problems"]);
    }

    [Theory]
    [InlineData("一、主要做法及成效", "二、存在的问题及原因分析", "三、下一步工作打算")]
    [InlineData("一、主要做法与成效", "二、存在问题和原因分析", "三、下步工作打算及措施")]
    [InlineData("一、 主 要 做 法 和 成 效", "二、存在问题及原因分析（此部分不少于整个篇幅的1/3）", "三、下步打算")]
    public void Small_wording_differences_still_match(string achievements, string problems, string plans)
    {
        var match = Match003(achievements, "甲", problems, "乙", plans, "丙");

        Assert.Equal("甲", match.Sections["achievements"]);
        Assert.Equal("乙", match.Sections["problems"]);
        Assert.Equal("丙", match.Sections["plans"]);
        Assert.Empty(match.Unplaced);
    }

    [Fact]
    public void Similarity_folds_conjunctions_and_scores_different_headings_low()
    {
        Assert.Equal(1, OutlineMatcher.Similarity("主要做法及成效", "主要做法和成效"));
        Assert.Equal(1, OutlineMatcher.Similarity("存在的问题及原因分析", "存在问题及原因分析"));
        Assert.Equal(1, OutlineMatcher.Similarity("下一步工作打算", "下步工作打算"));
        // Longest common subsequence 存在问题及, 5 of 9 characters each: 2·5/18 (bigram Dice: 2·4/16).
        Assert.Equal(0.556, OutlineMatcher.Similarity("存在问题及整改措施", "存在问题及原因分析"), 3);
        // 下步打算 is a subsequence of 下步工作打算: 2·4/10.
        Assert.Equal(0.8, OutlineMatcher.Similarity("下步打算", "下步工作打算"), 3);
        Assert.True(OutlineMatcher.Similarity("下一步工作计划", "主要做法和成效") < 0.2);
    }

    [Fact]
    public void Text_before_the_first_heading_is_unplaced_with_its_index()
    {
        var match = Match003(
            "2023年度抓基层党建述职报告",
            "",
            "根据会议安排，现就2023年度抓基层党建工作情况述职如下：",
            "一、主要做法和成效",
            "全年开展党课12次。");

        Assert.Equal([new UnplacedParagraph(0, "2023年度抓基层党建述职报告"), new UnplacedParagraph(2, "根据会议安排，现就2023年度抓基层党建工作情况述职如下：")], match.Unplaced);
        Assert.Equal("全年开展党课12次。", match.Sections["achievements"]);
        Assert.Equal("", match.Sections["plans"]);
    }

    [Fact]
    public void A_part_heading_that_matches_nothing_is_unplaced_with_its_text()
    {
        var match = Match003(
            "一、主要做法和成效", "甲",
            "二、个人廉洁自律情况", "乙", "（一）严守纪律", "丙",
            "三、存在问题及原因分析", "丁");

        Assert.Equal("甲", match.Sections["achievements"]);
        Assert.Equal("丁", match.Sections["problems"]);
        Assert.Equal([new UnplacedParagraph(2, "二、个人廉洁自律情况"), new(3, "乙"), new(4, "（一）严守纪律"), new(5, "丙")], match.Unplaced);
        Assert.False(match.MatchedHeadings.ContainsKey("plans"));
    }

    [Fact]
    public void The_writers_own_sub_headings_and_lists_stay_in_the_section()
    {
        var match = Match003(
            "二、存在问题及原因分析",
            "（一）存在的问题",
            "一、思想认识不到位，学习不够深入。",
            "1. 调研不够。",
            "（二）原因分析",
            "主要在于重视不够。",
            "三、下步工作打算",
            "一是加强学习。");

        Assert.Equal("（一）存在的问题\n一、思想认识不到位，学习不够深入。\n1. 调研不够。\n（二）原因分析\n主要在于重视不够。", match.Sections["problems"]);
        Assert.Equal("一是加强学习。", match.Sections["plans"]);
        Assert.Empty(match.Unplaced);
    }

    [Fact]
    public void Seed_003_sub_parts_are_placed_within_their_part_including_run_in_headings()
    {
        var match = Match003(
            "XX书记",
            "根据会议安排，现就2023年度抓基层党建工作情况述职如下：",
            "一、主要做法和成效",
            "今年以来，我坚持把抓党建作为第一责任。",
            "（一）加强政治建设方面。我带头学习，全年讲党课4次。",
            "组织集中学习24次。",
            "(二)服务保障中心大局方面",
            "服务项目建设5个。",
            "（三）推进基层党建工作重点任务落实方面：发展党员3名。",
            "（四）落实责任方面",
            "签订责任书12份。",
            "二、存在问题及原因分析",
            "一是……",
            "三、下步工作打算",
            "一是……");

        Assert.Equal("今年以来，我坚持把抓党建作为第一责任。", match.Sections["achievements"]);
        Assert.Equal("我带头学习，全年讲党课4次。\n组织集中学习24次。", match.Sections["achievements.political"]);
        Assert.Equal("服务项目建设5个。", match.Sections["achievements.center"]);
        Assert.Equal("发展党员3名。", match.Sections["achievements.tasks"]);
        Assert.Equal("签订责任书12份。", match.Sections["achievements.duty"]);
        Assert.Equal("（一）加强政治建设方面。我带头学习，全年讲党课4次。", match.MatchedHeadings["achievements.political"]);
        Assert.Equal(["XX书记", "根据会议安排，现就2023年度抓基层党建工作情况述职如下："], match.Unplaced.Select(u => u.Text));
    }

    [Fact]
    public void Sub_parts_written_without_their_part_heading_imply_the_part()
    {
        var match = Match003("（一）加强政治建设方面", "甲", "（四）落实责任", "乙", "二、存在问题及原因分析", "丙");

        Assert.Equal("甲", match.Sections["achievements.political"]);
        Assert.Equal("乙", match.Sections["achievements.duty"]);
        Assert.Equal("丙", match.Sections["problems"]);
        Assert.Empty(match.Unplaced);
    }

    [Fact]
    public void Sub_part_headings_of_another_part_do_not_match_outside_it()
    {
        // Under 存在问题, "（一）加强政治建设方面" is the writer's own structure, not a jump back to 主要做法和成效.
        var match = Match003("一、主要做法和成效", "甲", "二、存在问题及原因分析", "（一）加强政治建设方面", "学习不深。");

        Assert.Equal("", match.Sections["achievements.political"]);
        Assert.Equal("（一）加强政治建设方面\n学习不深。", match.Sections["problems"]);
    }

    [Fact]
    public void Seed_004_parts_and_sub_parts_are_placed()
    {
        var match = Match(ReportOutline.Seed004,
            "一、主要工作进展成效",
            "（一）加强政治建设情况", "甲",
            "（二）落实基层党建工作情况", "乙",
            "（三）履行意识形态工作责任制情况", "丙",
            "（四）党组织和党员发挥作用情况", "丁",
            "二、工作特色亮点", "戊",
            "三、存在问题及整改措施", "己",
            "四、下一步工作计划", "庚");

        Assert.Equal(["", "甲", "乙", "丙", "丁", "戊", "己", "庚"], ReportOutline.Seed004.Sections.Select(s => match.Sections[s.Key]));
        Assert.Equal(8, match.MatchedHeadings.Count);
        Assert.Empty(match.Unplaced);
    }

    [Fact]
    public void Seed_004_with_arabic_sub_parts_and_other_wording_is_placed()
    {
        var match = Match(ReportOutline.Seed004,
            "一、主要工作进展及成效",
            "1.加强政治建设。全体党员参加集中学习12次。",
            "2、落实基层党建工作", "发展党员2名。",
            "3．履行意识形态工作责任制", "开展巡查30场。",
            "4.党组织和党员发挥作用", "设立示范岗6个。",
            "二、特色亮点", "形成“党建+学科”工作法。",
            "三、存在的问题和整改措施", "一是……",
            "四、下一步工作打算", "一是……");

        Assert.Equal("全体党员参加集中学习12次。", match.Sections["progress.political"]);
        Assert.Equal("发展党员2名。", match.Sections["progress.partybuilding"]);
        Assert.Equal("开展巡查30场。", match.Sections["progress.ideology"]);
        Assert.Equal("设立示范岗6个。", match.Sections["progress.role"]);
        Assert.Equal("形成“党建+学科”工作法。", match.Sections["highlights"]);
        Assert.Equal("一是……", match.Sections["problems"]);
        Assert.Equal("一是……", match.Sections["plans"]);
        Assert.Empty(match.Unplaced);
    }

    [Fact]
    public void Seed_004_problems_heading_is_not_taken_for_a_different_problems_wording()
    {
        // 存在问题及原因分析 is close to, but not, 存在问题及整改措施 (similarity 0.556 < 0.6): it stays unplaced.
        var match = Match(ReportOutline.Seed004, "一、主要工作进展成效", "甲", "二、存在问题及原因分析", "乙", "三、存在的问题和整改措施", "丙");

        Assert.Equal("甲", match.Sections["progress"]);
        Assert.Equal("丙", match.Sections["problems"]);
        Assert.Equal([new UnplacedParagraph(2, "二、存在问题及原因分析"), new(3, "乙")], match.Unplaced);
    }

    [Fact]
    public void Heading_styles_and_bold_mark_headings_without_numbering()
    {
        var paragraphs = new List<DocumentParagraph>
        {
            new("述职报告", HeadingLevel: 1),
            new("主要做法成效", HeadingLevel: 1),
            new("甲"),
            new("加强政治建设", HeadingLevel: 2),
            new("乙"),
            new("存在问题", Bold: true),
            new("丙"),
            new("工作打算", Numbered: true),
            new("丁"),
        };

        var match = Match(ReportOutline.Seed003, paragraphs);

        Assert.Equal("甲", match.Sections["achievements"]);
        Assert.Equal("乙", match.Sections["achievements.political"]);
        Assert.Equal("丙", match.Sections["problems"]);
        Assert.Equal("丁", match.Sections["plans"]);
        Assert.Equal([new UnplacedParagraph(0, "述职报告")], match.Unplaced);
    }

    [Fact]
    public void Plain_body_sentences_are_not_taken_for_headings()
    {
        var match = Match003("一、主要做法和成效", "存在问题", "下步工作", "二、存在问题及原因分析", "1.5万元用于阵地建设。", "2023年完成换届。");

        Assert.Equal("存在问题\n下步工作", match.Sections["achievements"]);
        Assert.Equal("1.5万元用于阵地建设。\n2023年完成换届。", match.Sections["problems"]);
    }

    [Fact]
    public void Nothing_is_lost()
    {
        string[] paragraphs = ["前言", "一、主要做法和成效", "（一）加强政治建设方面。甲。", "乙", "五、其他", "丙", "二、存在问题及原因分析", "丁", "三、下步工作打算", "戊"];

        var match = Match003(paragraphs);

        var placed = match.Sections.Values.SelectMany(t => t.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Concat(match.MatchedHeadings.Values)
            .Concat(match.Unplaced.Select(u => u.Text));
        foreach (var word in new[] { "前言", "甲", "乙", "丙", "丁", "戊", "其他" })
            Assert.Contains(placed, p => p.Contains(word, StringComparison.Ordinal));
        Assert.Equal(["前言", "五、其他", "丙"], match.Unplaced.Select(u => u.Text));
    }
}
