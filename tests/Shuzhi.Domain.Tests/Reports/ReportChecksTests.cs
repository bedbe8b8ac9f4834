using Shuzhi.Domain.Reports;
using static Shuzhi.Domain.Tests.Reports.ReportBuilder;

namespace Shuzhi.Domain.Tests.Reports;

public class ReportChecksTests
{
    [Fact]
    public void A_report_at_the_seed_003_limits_passes_every_check()
    {
        // 1170 + 600 + 30 = 1800: problems 600/1800 = 1/3 exactly, achievements 1170/1800 = 65 %,
        // problems and plans 630/1800 = 35 %: every share on its edge, yet all pass.
        var text = Seed003(1170, 600, 30).WithResponse(7, "已整改到位");
        var run = Run(text, items: [7]);
        Assert.All(run.Results, r => Assert.True(r.Passed, r.Message));
        Assert.True(run.CanSubmit);
        Assert.Equal(10, run.Results.Count);
        Assert.Equal(new[] { 1800, 1170, 600, 30 }, new[] { run.Statistics.Total, run.Statistics.Achievements, run.Statistics.Problems, run.Statistics.Plans });
        Assert.Equal("问题及原因分析部分占全文的33.3%，符合要求。", run.Result(CheckIds.ProblemsShare).Message);
        Assert.Equal("全文共1800字（字符数，不计空格），符合字数要求。", run.Result(CheckIds.Length).Message);
    }

    [Fact]
    public void Length_1500_passes_and_1499_is_one_short()
    {
        // 975 + 500 + 25 = 1500: 500/1500 = 1/3, 975/1500 = 65 %, 525/1500 = 35 %.
        var at = Run(Seed003(975, 500, 25));
        Assert.All(at.Results.Where(r => r.RuleId != CheckIds.Rectification), r => Assert.True(r.Passed, r.Message));
        Assert.True(at.CanSubmit);

        // 24 characters of plans: 1499 in all; 500/1499 still ≥ 1/3.
        var below = Run(Seed003(975, 500, 24));
        var length = below.Result(CheckIds.Length);
        Assert.False(length.Passed);
        Assert.True(length.Blocks);
        Assert.Equal("Check.Length.TooShort", length.Code);
        Assert.Equal(new object[] { 1499, 1500, 1 }, length.Args);
        Assert.Equal("全文共1499字（字符数，不计空格），少于1500字的下限，还需增加1字。", length.Message);
        Assert.True(below.Result(CheckIds.ProblemsShare).Passed);
        Assert.False(below.CanSubmit);
    }

    [Fact]
    public void Length_2000_passes_and_2001_is_one_over()
    {
        // 1300 + 667 + 33 = 2000: 667 × 3 = 2001 ≥ 2000 (≥ 1/3), 1300/2000 = 65 %, 700/2000 = 35 %.
        var at = Run(Seed003(1300, 667, 33));
        Assert.All(at.Results, r => Assert.True(r.Passed, r.Message));

        // 34 characters of plans: 2001 in all. 667/2001 is exactly 1/3 and passes;
        // 701/2001 = 35.03 % is over 35 %: cut ⌈(20×701 − 7×2001)/13⌉ = ⌈13/13⌉ = 1, or add ⌈13/7⌉ = 2 elsewhere.
        var over = Run(Seed003(1300, 667, 34));
        var length = over.Result(CheckIds.Length);
        Assert.Equal("全文共2001字（字符数，不计空格），超过2000字的上限，需删减1字。", length.Message);
        Assert.True(over.Result(CheckIds.ProblemsShare).Passed);
        var pair = over.Result(CheckIds.ProblemsAndPlansShare);
        Assert.False(pair.Passed);
        Assert.Equal(RuleSeverity.Advisory, pair.Severity);
        Assert.Equal("存在问题和工作打算两部分合计占全文的35.1%，应不超过35%，需压缩约1字（或充实其他部分约2字）。", pair.Message);
        Assert.False(over.CanSubmit); // the length blocks, the share only advises
    }

    [Fact]
    public void Problems_share_exactly_one_third_passes_and_one_character_less_fails_with_what_to_do()
    {
        Assert.True(Run(Seed003(975, 500, 25)).Result(CheckIds.ProblemsShare).Passed);

        // 976 + 499 + 25 = 1500: 499/1500 = 33.27 %, shown rounded down as 33.2 %.
        // Add x to problems: (499 + x)/(1500 + x) ≥ 1/3 ⇔ x ≥ (1500 − 1497)/2 = 1.5 → 2.
        // Or cut y elsewhere: 499/(1500 − y) ≥ 1/3 ⇔ y ≥ 3.
        var run = Run(Seed003(976, 499, 25));
        var share = run.Result(CheckIds.ProblemsShare);
        Assert.False(share.Passed);
        Assert.True(share.Blocks);
        Assert.Equal("Check.ProblemsShare.TooLow", share.Code);
        Assert.Equal(new object[] { "33.2%", "33.3%", 2L, 3L }, share.Args);
        Assert.Equal("问题及原因分析部分占全文的33.2%，应不少于33.3%，还需增加约2字（或压缩其他部分约3字）。", share.Message);
        Assert.False(run.CanSubmit);

        // The hints are exact: 501 of 1502 passes, and so does 499 of 1497.
        Assert.True(Run(Seed003(976, 501, 25)).Result(CheckIds.ProblemsShare).Passed);
        Assert.True(Run(Seed003(973, 499, 25)).Result(CheckIds.ProblemsShare).Passed);
        Assert.False(Run(Seed003(976, 500, 25)).Result(CheckIds.ProblemsShare).Passed); // 500/1501 < 1/3
    }

    [Fact]
    public void Achievements_band_edges_65_and_70_percent()
    {
        Assert.True(Run(Seed003(975, 500, 25)).Result(CheckIds.AchievementsShare).Passed); // 975/1500 = 65 %

        // 974/1500 = 64.93 %: add ⌈(13×1500 − 20×974)/7⌉ = ⌈20/7⌉ = 3, or cut ⌈20/13⌉ = 2 elsewhere.
        var low = Run(Seed003(974, 501, 25));
        var a = low.Result(CheckIds.AchievementsShare);
        Assert.False(a.Passed);
        Assert.False(a.Blocks); // advisory (“左右”)
        Assert.Equal("主要做法和成效（含特色亮点）部分占全文的64.9%，应不少于65%，还需增加约3字（或压缩其他部分约2字）。", a.Message);
        Assert.True(Run(Seed003(977, 501, 25)).Result(CheckIds.AchievementsShare).Passed); // 977/1503
        Assert.True(Run(Seed003(974, 501, 23)).Result(CheckIds.AchievementsShare).Passed); // 974/1498

        Assert.True(Run(Seed003(1050, 425, 25)).Result(CheckIds.AchievementsShare).Passed); // 1050/1500 = 70 %
        // 1051/1500 = 70.07 %, shown rounded up as 70.1 %: cut ⌈(20×1051 − 14×1500)/6⌉ = ⌈20/6⌉ = 4, or add ⌈20/14⌉ = 2.
        var high = Run(Seed003(1051, 424, 25)).Result(CheckIds.AchievementsShare);
        Assert.Equal("主要做法和成效（含特色亮点）部分占全文的70.1%，应不超过70%，需压缩约4字（或充实其他部分约2字）。", high.Message);
        Assert.True(Run(Seed003(1047, 424, 25)).Result(CheckIds.AchievementsShare).Passed); // 1047/1496
        Assert.True(Run(Seed003(1051, 426, 25)).Result(CheckIds.AchievementsShare).Passed); // 1051/1502
    }

    [Fact]
    public void Problems_and_plans_band_edges_30_and_35_percent()
    {
        // The rules themselves keep plans tiny (see the feasibility test); here problems are off so the band is tested alone.
        var rules = ReportRules.Seed003 with { ProblemsShare = ReportRules.Seed003.ProblemsShare with { Enabled = false } };
        Assert.True(Run(Seed003(1400, 400, 200), rules).Result(CheckIds.ProblemsAndPlansShare).Passed);  // 600/2000 = 30 %
        var low = Run(Seed003(1401, 400, 199), rules).Result(CheckIds.ProblemsAndPlansShare);            // 599/2000 = 29.95 %
        Assert.False(low.Passed);
        // add ⌈(3×2000 − 10×599)/7⌉ = ⌈10/7⌉ = 2 (601/2002 ≥ 30 %), or cut ⌈10/3⌉ = 4 (599/1996 ≥ 30 %).
        Assert.Equal(new object[] { "29.9%", "30%", 2L, 4L }, low.Args);
    }

    [Fact]
    public void Data_figures_at_the_minimum_pass_and_one_fewer_fails()
    {
        Assert.True(Run(Seed003(1170, 600, 30)).Result(CheckIds.DataFigures).Passed); // 12次、3名、8场、15户

        const string threeFigures = "我带头讲党课12次，发展入党积极分子3名，开展主题党日8场，帮扶困难群众。围绕拼经济、搞建设、防风险、保安全开展工作。";
        var data = Run(Seed003(1170, 600, 30, achievementsLead: threeFigures)).Result(CheckIds.DataFigures);
        Assert.False(data.Passed);
        Assert.True(data.Blocks);
        Assert.Equal(["12次", "3名", "8场"], data.Items);
        Assert.Equal("全文只有3处具体数据，应不少于4处，还需补充1处（如“开展党课12次”“发展入党积极分子3名”）。", data.Message);
    }

    [Fact]
    public void A_topic_missing_one_keyword_is_named_with_the_keyword()
    {
        const string withoutOne = "我带头讲党课12次，发展入党积极分子3名，开展主题党日8场，帮扶困难群众15户。围绕拼经济、搞建设、防风险开展工作。";
        var topics = Run(Seed003(1170, 600, 30, achievementsLead: withoutOne)).Result(CheckIds.Topics);
        Assert.False(topics.Passed);
        Assert.Equal(["防风险保安全"], topics.Items);
        Assert.Equal("有1项重点内容或必答题未涉及：“防风险保安全”（缺少关键词：保安全）。请围绕这些内容补充。", topics.Message);

        // A keyword broken by a line break still counts.
        const string broken = "我带头讲党课12次，发展入党积极分子3名，开展主题党日8场，帮扶困难群众15户。围绕拼经济、搞建设、防风险、保\n安全开展工作。";
        Assert.True(Run(Seed003(1170, 600, 30, achievementsLead: broken)).Result(CheckIds.Topics).Passed);
        Assert.Equal("Check.Topics.None", Run(Seed003(1170, 600, 30), topics: []).Result(CheckIds.Topics).Code);
    }

    [Fact]
    public void Every_rectification_item_needs_a_response()
    {
        var text = Seed003(1170, 600, 30).WithResponse(11, "已完成整改").WithResponse(12, "\u3000 ").WithResponse(13, "已建立长效机制");
        var r = Run(text, items: [11, 12, 13]).Result(CheckIds.Rectification);
        Assert.False(r.Passed);
        Assert.True(r.Blocks);
        Assert.Equal(["12"], r.Items);
        Assert.Equal("上年度整改事项还有1项未作回应（第2项）。请逐项写明整改情况，每项不少于1字。", r.Message);

        var done = Run(text.WithResponse(12, "已整改"), items: [11, 12, 13]).Result(CheckIds.Rectification);
        Assert.Equal("上年度3项整改事项均已回应。", done.Message);
        // An item without any entry in the responses counts as missing too.
        Assert.False(Run(text, items: [11, 14]).Result(CheckIds.Rectification).Passed);
    }

    [Fact]
    public void First_person_ratio_at_one_half_passes_and_below_only_advises()
    {
        // Singular: 我 in the achievements lead and in the problems lead = 2.
        // + 我们 and a sentence opened by 党委 = 2 collective → 2/4 = 50 % passes.
        var half = Run(Seed003(1170, 600, 30, achievementsLead: AchievementsLead + "我们抓好落实。党委统筹推进。"));
        var fp = half.Result(CheckIds.FirstPerson);
        Assert.True(fp.Passed, fp.Message);
        Assert.Equal(new FirstPersonCount(2, 2), half.Statistics.FirstPerson);

        // + 班子 opening a sentence = 3 collective → 2/5 = 40 %.
        var low = Run(Seed003(1170, 600, 30, achievementsLead: AchievementsLead + "我们抓好落实。党委统筹推进。班子团结协作。"));
        var r = low.Result(CheckIds.FirstPerson);
        Assert.False(r.Passed);
        Assert.Equal(RuleSeverity.Advisory, r.Severity);
        Assert.Equal("以“我”为主语2处，以“我们”、班子、党委等集体为主语3处，“我”只占40%，应不少于50%。请突出述“我”，讲清书记本人做了什么，防止以班子述职代替书记述职。", r.Message);
        Assert.True(low.CanSubmit);

        // No 我 at all.
        var none = Run(Seed003(1170, 600, 30, achievementsLead: AchievementsLead.Replace("我", "书记"), problemsLead: ProblemsLead.Replace("我", "书记")));
        Assert.Equal("Check.FirstPerson.NoneFound", none.Result(CheckIds.FirstPerson).Code);
    }

    [Fact]
    public void Required_sections_must_have_text_and_sub_parts_count_for_their_part()
    {
        var run = Run(Seed003(1170, 600, 0));
        var r = run.Result(CheckIds.RequiredSections);
        Assert.False(r.Passed);
        Assert.Equal(["下步工作打算"], r.Items);
        Assert.Equal("以下部分尚未填写：“下步工作打算”。请按提纲补充。", r.Message);
        Assert.False(run.CanSubmit);

        // The achievements part written only in its sub-part （二）: present.
        var text = Seed003(1170, 600, 30);
        var moved = text.WithSection("achievements", "").WithSection("achievements.center", text.Section("achievements"));
        var again = Run(moved);
        Assert.True(again.Result(CheckIds.RequiredSections).Passed);
        Assert.Equal(1170, again.Statistics.Achievements);
    }

    [Fact]
    public void Problem_list_needs_three_problems_and_a_cause()
    {
        var two = Run(Seed003(1170, 600, 30, problemsLead: "一是理论学习不够深入。二是组织生活质量不高。")).Result(CheckIds.ProblemList);
        Assert.Equal("Check.ProblemList.TooFewNoCause", two.Code);
        Assert.Equal(new object[] { 2, 3 }, two.Args);
        Assert.True(two.Blocks);

        var noCause = Run(Seed003(1170, 600, 30, problemsLead: "一是理论学习不够深入。二是组织生活质量不高。三是党员管理不够严格。")).Result(CheckIds.ProblemList);
        Assert.Equal("问题部分缺少原因分析。请写明问题产生的原因（如“以上问题究其原因，主要在于……”）。", noCause.Message);

        var ok = Run(Seed003(1170, 600, 30)).Result(CheckIds.ProblemList);
        Assert.Equal("问题部分列出3个问题，并有原因分析。", ok.Message);
    }

    [Fact]
    public void An_empty_report_cannot_be_submitted()
    {
        var run = Run(ReportText.Empty);
        Assert.False(run.CanSubmit);
        Assert.Equal("Check.ProblemsShare.Empty", run.Result(CheckIds.ProblemsShare).Code);
        Assert.False(run.Result(CheckIds.ProblemsShare).Passed);
        Assert.Equal("全文共0字（字符数，不计空格），少于1500字的下限，还需增加1500字。", run.Result(CheckIds.Length).Message);
    }

    [Fact]
    public void Highlights_count_with_achievements_and_disabled_rules_are_not_run()
    {
        // Seed 004 outline: 600 progress + 100 highlights = 700 of 1000 → 70 % with a 65–70 % band.
        var rules = ReportRules.Seed004 with { AchievementsShare = new ShareRule(true, RuleSeverity.Advisory, Fraction.Percent(65), Fraction.Percent(70)) };
        var text = ReportText.Empty
            .WithSection("progress", Part(AchievementsLead, 600))
            .WithSection("highlights", Part("", 100))
            .WithSection("problems", Part(ProblemsLead, 200))
            .WithSection("plans", Part(PlansLead, 100));
        var run = ReportChecks.Run(ReportOutline.Seed004, rules, text, MustAnswer, []);
        Assert.True(run.Result(CheckIds.AchievementsShare).Passed);
        Assert.Equal(700, run.Statistics.Achievements);
        Assert.DoesNotContain(run.Results, r => r.RuleId is CheckIds.Length or CheckIds.ProblemsShare or CheckIds.ProblemsAndPlansShare);
        Assert.True(run.CanSubmit);

        // Seed 000: only a maximum of 3000.
        var seed000 = ReportChecks.Run(ReportOutline.Seed003, ReportRules.Seed000, Seed003(2000, 700, 301), MustAnswer, []);
        Assert.Equal("全文共3001字（字符数，不计空格），超过3000字的上限，需删减1字。", seed000.Result(CheckIds.Length).Message);
        Assert.True(ReportChecks.Run(ReportOutline.Seed003, ReportRules.Seed000, Seed003(2000, 700, 300), MustAnswer, []).Result(CheckIds.Length).Passed);
    }
}
