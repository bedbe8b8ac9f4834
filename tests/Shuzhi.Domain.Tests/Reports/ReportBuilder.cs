using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Tests.Reports;

/// <summary>
/// Builds seed-003 reports whose parts have exact character counts (Word's 字符数, 不计空格): each part is a
/// lead sentence padded with a filler that holds no figure, no 我, no list marker, no cause phrase and no
/// topic keyword, so the lead alone decides those checks.
/// </summary>
internal static class ReportBuilder
{
    // 16 characters; nothing any check looks for.
    private const string Filler = "持续加强基层建设推动工作落实见效";

    /// <summary>4 figures (12次、3名、8场、15户), one 我, both 必答题 keywords. 62 characters.</summary>
    public const string AchievementsLead = "我带头讲党课12次，发展入党积极分子3名，开展主题党日8场，帮扶困难群众15户。围绕拼经济、搞建设、防风险、保安全开展工作。";

    /// <summary>Three problems and a cause, one 我. 54 characters.</summary>
    public const string ProblemsLead = "一是理论学习不够深入。二是组织生活质量不高。三是党员管理不够严格。以上问题究其原因，主要在于我责任意识不强。";

    public const string PlansLead = "加强学习。";

    public static string Part(string lead, int characters)
    {
        var have = WordCount.Characters(lead);
        if (have > characters) throw new ArgumentException($"lead has {have} characters, more than {characters}");
        var need = characters - have;
        var pad = string.Concat(Enumerable.Repeat(Filler, need / Filler.Length + 1))[..need];
        // A line break between lead and filler, as paragraphs are; it does not count.
        var text = need == 0 ? lead : lead + "\n" + pad;
        if (WordCount.Characters(text) != characters) throw new InvalidOperationException("builder miscounted");
        return text;
    }

    public static ReportText Seed003(int achievements, int problems, int plans,
        string achievementsLead = AchievementsLead, string problemsLead = ProblemsLead, string plansLead = PlansLead) =>
        ReportText.Empty
            .WithSection("achievements", Part(achievementsLead, achievements))
            .WithSection("problems", Part(problemsLead, problems))
            .WithSection("plans", plans == 0 ? "" : Part(plans < WordCount.Characters(plansLead) ? "" : plansLead, plans));

    public static readonly IReadOnlyList<TopicKeywords> MustAnswer =
    [
        new("拼经济搞建设", ["拼经济", "搞建设"], true),
        new("防风险保安全", ["防风险", "保安全"], true),
    ];

    public static CheckRun Run(ReportText text, ReportRules? rules = null, IReadOnlyList<int>? items = null, IReadOnlyList<TopicKeywords>? topics = null) =>
        ReportChecks.Run(ReportOutline.Seed003, rules ?? ReportRules.Seed003, text, topics ?? MustAnswer, items ?? []);

    public static CheckResult Result(this CheckRun run, string ruleId) => Assert.Single(run.Results, r => r.RuleId == ruleId);
}
