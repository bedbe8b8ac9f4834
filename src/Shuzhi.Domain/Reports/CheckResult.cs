using System.Globalization;

namespace Shuzhi.Domain.Reports;

/// <summary>The ids of the report checks, one per rule of <see cref="ReportRules"/>.</summary>
public static class CheckIds
{
    public const string RequiredSections = "RequiredSections";
    public const string Length = "Length";
    public const string ProblemsShare = "ProblemsShare";
    public const string AchievementsShare = "AchievementsShare";
    public const string ProblemsAndPlansShare = "ProblemsAndPlansShare";
    public const string ProblemList = "ProblemList";
    public const string DataFigures = "DataFigures";
    public const string Topics = "Topics";
    public const string Rectification = "Rectification";
    public const string FirstPerson = "FirstPerson";
}

/// <summary>
/// The outcome of one check. <see cref="Code"/> and <see cref="Args"/> follow the domain's message
/// convention (resx key = code with '.' → '_', e.g. Check_Length_TooShort), so the web can localise;
/// <see cref="Message"/> is the same text already formatted from <see cref="CheckMessages"/>, because the
/// checks also run live through an endpoint and the browser shows the text as it comes. <see cref="Items"/>
/// lists what the message is about for display (figures found, topics missing, sections empty).
/// </summary>
public sealed record CheckResult(string RuleId, bool Passed, RuleSeverity Severity, string Code, object[] Args, string Message, IReadOnlyList<string> Items)
{
    public bool Blocks => !Passed && Severity == RuleSeverity.Blocking;

    internal static CheckResult Of(string ruleId, bool passed, IReportRule rule, string code, object[] args, IReadOnlyList<string>? items = null) =>
        new(ruleId, passed, rule.Severity, code, args, CheckMessages.Format(code, args), items ?? []);
}

/// <summary>
/// The default Chinese text of each check and feasibility code, with composite-format placeholders
/// ({0}, {1} …) filled by the args in order. The web's resx may carry the same keys with '.' → '_'.
/// Percentages arrive as ready strings ("33.3%"), counts as integers.
/// </summary>
public static class CheckMessages
{
    private static readonly (string Rule, string Part)[] SharedParts =
    [
        (CheckIds.ProblemsShare, "问题及原因分析部分"),
        (CheckIds.AchievementsShare, "主要做法和成效（含特色亮点）部分"),
        (CheckIds.ProblemsAndPlansShare, "存在问题和工作打算两部分合计"),
    ];

    public static IReadOnlyDictionary<string, string> Default { get; } = Build();

    public static string Format(string code, object[] args) =>
        Default.TryGetValue(code, out var template) ? string.Format(CultureInfo.InvariantCulture, template, args) : code;

    private static Dictionary<string, string> Build()
    {
        var d = new Dictionary<string, string>
        {
            ["Check.RequiredSections.Ok"] = "必填部分均已填写。",
            ["Check.RequiredSections.Missing"] = "以下部分尚未填写：{0}。请按提纲补充。",
            ["Check.Length.Ok"] = "全文共{0}字（字符数，不计空格），符合字数要求。",
            ["Check.Length.TooShort"] = "全文共{0}字（字符数，不计空格），少于{1}字的下限，还需增加{2}字。",
            ["Check.Length.TooLong"] = "全文共{0}字（字符数，不计空格），超过{1}字的上限，需删减{2}字。",
            ["Check.ProblemList.Ok"] = "问题部分列出{0}个问题，并有原因分析。",
            ["Check.ProblemList.OkNoCauseRequired"] = "问题部分列出{0}个问题。",
            ["Check.ProblemList.TooFew"] = "问题部分只列出{0}个问题，应不少于{1}个。请用“一是、二是、三是”逐条列出问题。",
            ["Check.ProblemList.NoCause"] = "问题部分缺少原因分析。请写明问题产生的原因（如“以上问题究其原因，主要在于……”）。",
            ["Check.ProblemList.TooFewNoCause"] = "问题部分只列出{0}个问题，应不少于{1}个，且缺少原因分析。请用“一是、二是、三是”逐条列出问题，并写明原因（如“以上问题究其原因，主要在于……”）。",
            ["Check.DataFigures.Ok"] = "全文有{0}处具体数据，不少于{1}处。",
            ["Check.DataFigures.TooFew"] = "全文只有{0}处具体数据，应不少于{1}处，还需补充{2}处（如“开展党课12次”“发展入党积极分子3名”）。",
            ["Check.Topics.Ok"] = "{0}项重点内容和必答题均已涉及。",
            ["Check.Topics.None"] = "本次述职未设置重点内容和必答题。",
            ["Check.Topics.Missing"] = "有{0}项重点内容或必答题未涉及：{1}（缺少关键词：{2}）。请围绕这些内容补充。",
            ["Check.Rectification.Ok"] = "上年度{0}项整改事项均已回应。",
            ["Check.Rectification.None"] = "没有需要回应的上年度整改事项。",
            ["Check.Rectification.Missing"] = "上年度整改事项还有{0}项未作回应（第{1}项）。请逐项写明整改情况，每项不少于{2}字。",
            ["Check.FirstPerson.Ok"] = "以“我”为主语{0}处，以集体为主语{1}处，“我”占{2}，突出了书记本人。",
            ["Check.FirstPerson.Low"] = "以“我”为主语{0}处，以“我们”、班子、党委等集体为主语{1}处，“我”只占{2}，应不少于{3}。请突出述“我”，讲清书记本人做了什么，防止以班子述职代替书记述职。",
            ["Check.FirstPerson.NoneFound"] = "未见以“我”为主语的表述。请突出述“我”，讲清书记本人做了什么，防止以班子述职代替书记述职。",
            ["Feasibility.LengthMinAboveMax"] = "字数下限{0}字高于上限{1}字，任何报告都无法同时满足。",
            ["Feasibility.ProblemsAbovePairMax"] = "问题及原因分析部分不少于{0}，而存在问题和工作打算合计不超过{1}，两条要求相互矛盾。",
            ["Feasibility.PlansSqueezed"] = "问题及原因分析部分不少于{0}，而存在问题和工作打算合计不超过{1}，下步工作打算最多只能占全文的{2}。建议调整其中一条。",
            ["Feasibility.PlansSqueezedAtLength"] = "问题及原因分析部分不少于{0}，而存在问题和工作打算合计不超过{1}，下步工作打算最多只能占全文的{2}（按{3}字计，最多约{4}字）。建议调整其中一条。",
            ["Feasibility.PlansSqueezedByAchievements"] = "问题及原因分析部分不少于{0}，主要做法和成效不少于{1}，下步工作打算最多只能占全文的{2}。建议调整其中一条。",
            ["Feasibility.PlansNoRoom"] = "问题及原因分析部分不少于{0}，而存在问题和工作打算合计不超过{1}，下步工作打算是必填部分却没有任何篇幅可用，两条要求无法同时满足。",
            ["Feasibility.PlansNoRoomByAchievements"] = "问题及原因分析部分不少于{0}，主要做法和成效不少于{1}，下步工作打算是必填部分却没有任何篇幅可用，两条要求无法同时满足。",
            ["Feasibility.BandsAbove100"] = "主要做法和成效不少于{0}，存在问题和工作打算合计不少于{1}，合计超过100%，无法同时满足。",
            ["Feasibility.BandsBelow100"] = "主要做法和成效不超过{0}，存在问题和工作打算合计不超过{1}，合计不足100%，而提纲中没有其他部分，无法同时满足。",
            ["Feasibility.ProblemsAndAchievementsAbove100"] = "问题及原因分析部分不少于{0}，主要做法和成效不少于{1}，合计超过100%，无法同时满足。",
            ["Feasibility.ProblemListWithoutSection"] = "已启用问题条目检查，但提纲中没有“存在问题”部分，这项检查无法通过。",
        };
        foreach (var (rule, part) in SharedParts)
        {
            d[$"Check.{rule}.Ok"] = part + "占全文的{0}，符合要求。";
            d[$"Check.{rule}.TooLow"] = part + "占全文的{0}，应不少于{1}，还需增加约{2}字（或压缩其他部分约{3}字）。";
            d[$"Check.{rule}.TooHigh"] = part + "占全文的{0}，应不超过{1}，需压缩约{2}字（或充实其他部分约{3}字）。";
            d[$"Check.{rule}.Empty"] = "尚未填写正文，无法计算" + part + "的占比。";
            d[$"Feasibility.{rule}.MinAboveMax"] = part + "的占比下限{0}高于上限{1}，无法满足。";
            d[$"Feasibility.{rule}.NoSection"] = "已启用" + part + "的占比检查并设了下限，但提纲中没有相应部分，这项检查无法通过。";
        }
        return d;
    }
}
