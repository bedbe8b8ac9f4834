namespace Shuzhi.Domain.Reports;

/// <summary>Whether a failed check stops submission (Blocking) or is only shown (Advisory).</summary>
public enum RuleSeverity
{
    Blocking = 1,
    Advisory = 2,
}

/// <summary>What every rule has: it can be switched off, and it blocks or only advises.</summary>
public interface IReportRule
{
    bool Enabled { get; }
    RuleSeverity Severity { get; }
}

/// <summary>Length in characters as Word counts 字符数(不计空格) (<see cref="WordCount"/>); either bound may be absent.</summary>
public sealed record LengthRule(bool Enabled, RuleSeverity Severity, int? Min, int? Max) : IReportRule;

/// <summary>A share of the text taken by the sections of some roles, with an optional minimum and maximum.</summary>
public sealed record ShareRule(bool Enabled, RuleSeverity Severity, Fraction? Min, Fraction? Max) : IReportRule;

/// <summary>At least <see cref="MinCount"/> concrete figures (<see cref="Reports.DataFigures"/>) in the whole report.</summary>
public sealed record DataFiguresRule(bool Enabled, RuleSeverity Severity, int MinCount) : IReportRule;

/// <summary>A rule with no numbers: every campaign topic addressed, every required section written.</summary>
public sealed record SimpleRule(bool Enabled, RuleSeverity Severity) : IReportRule;

/// <summary>Every one of last year's rectification items has a response of at least <see cref="MinCharacters"/> characters.</summary>
public sealed record RectificationRule(bool Enabled, RuleSeverity Severity, int MinCharacters) : IReportRule;

/// <summary>
/// Speaking as the secretary (突出述“我”, seed 003; 防止以班子述职代替书记述职, seed 000).
/// Counted in the whole report (<see cref="FirstPerson"/>): singular = <see cref="SingularPronouns"/> anywhere;
/// collective = <see cref="CollectivePronouns"/> anywhere, and <see cref="CollectiveNouns"/> only where they
/// open a clause (as a subject: “党委高度重视……”, not “贯彻镇党委部署”). The share singular / (singular +
/// collective) must be at least <see cref="MinSingularShare"/>.
/// </summary>
public sealed record FirstPersonRule(bool Enabled, RuleSeverity Severity, Fraction MinSingularShare,
    IReadOnlyList<string> SingularPronouns, IReadOnlyList<string> CollectivePronouns, IReadOnlyList<string> CollectiveNouns) : IReportRule
{
    public static IReadOnlyList<string> DefaultSingular { get; } = ["我", "本人"];
    /// <summary>我村、我校… are “our village”: a collective speaking, so they win over 我 (longest match).</summary>
    public static IReadOnlyList<string> DefaultCollectivePronouns { get; } = ["我们", "咱们", "我村", "我社区", "我镇", "我校", "我院", "我局", "我单位", "我支部"];
    public static IReadOnlyList<string> DefaultCollectiveNouns { get; } = ["班子", "党委", "党总支", "党支部", "支部", "村两委", "两委", "村党组织", "党组织"];
}

/// <summary>
/// The problems part (role <see cref="SectionRole.Problems"/>) lists at least <see cref="MinProblems"/> problems,
/// marked 一是、二是… or 1. 2. … or （一）（二）… (<see cref="ProblemList"/>), and, when <see cref="RequireCause"/>,
/// contains one of <see cref="CausePhrases"/> (以上问题究其原因……).
/// </summary>
public sealed record ProblemListRule(bool Enabled, RuleSeverity Severity, int MinProblems, bool RequireCause, IReadOnlyList<string> CausePhrases) : IReportRule
{
    public static IReadOnlyList<string> DefaultCausePhrases { get; } = ["原因", "根源", "症结", "根子"];
}

/// <summary>
/// The checks of a track (层面) with their numbers. Share rules add up the sections by role:
/// problems = <see cref="SectionRole.Problems"/>; achievements = <see cref="SectionRole.Achievements"/> +
/// <see cref="SectionRole.Highlights"/> (seed 003 四.5: 主要做法和特色亮点); problems and plans =
/// <see cref="SectionRole.Problems"/> + <see cref="SectionRole.Plans"/>.
/// </summary>
public sealed record ReportRules(
    LengthRule Length,
    ShareRule ProblemsShare,
    ShareRule AchievementsShare,
    ShareRule ProblemsAndPlansShare,
    DataFiguresRule DataFigures,
    SimpleRule Topics,
    RectificationRule Rectification,
    FirstPersonRule FirstPerson,
    ProblemListRule ProblemList,
    SimpleRule RequiredSections)
{
    private static FirstPersonRule DefaultFirstPerson => new(true, RuleSeverity.Advisory, Fraction.Of(1, 2),
        FirstPersonRule.DefaultSingular, FirstPersonRule.DefaultCollectivePronouns, FirstPersonRule.DefaultCollectiveNouns);

    /// <summary>
    /// Seed 003 (童家镇, 四 相关要求): 1500–2000 characters; problems and causes ≥ 1/3 (“原则上……不少于三分之一”,
    /// blocking); achievements 65–70 % and problems plus plans 30–35 % (“左右”: advisory); at least 4 figures,
    /// one for each of the four sub-parts of 主要做法和成效 in 附件1 (四.2 asks for 党课多少次、积极分子多少个);
    /// the 必答题 addressed; last year's items answered (四.2 正面回应); the problems part with 一是、二是、三是
    /// and 究其原因 as 附件1 lays out; 突出述“我” advisory.
    /// </summary>
    public static ReportRules Seed003 { get; } = new(
        new LengthRule(true, RuleSeverity.Blocking, 1500, 2000),
        new ShareRule(true, RuleSeverity.Blocking, Fraction.Of(1, 3), null),
        new ShareRule(true, RuleSeverity.Advisory, Fraction.Percent(65), Fraction.Percent(70)),
        new ShareRule(true, RuleSeverity.Advisory, Fraction.Percent(30), Fraction.Percent(35)),
        new DataFiguresRule(true, RuleSeverity.Blocking, 4),
        new SimpleRule(true, RuleSeverity.Blocking),
        new RectificationRule(true, RuleSeverity.Blocking, 1),
        DefaultFirstPerson,
        new ProblemListRule(true, RuleSeverity.Blocking, 3, true, ProblemListRule.DefaultCausePhrases),
        new SimpleRule(true, RuleSeverity.Blocking));

    /// <summary>
    /// Seed 000 (金华职业学院, 四.2): at most 3000 characters (blocking); 用具体事例和数据说话 (advisory, 3 figures);
    /// 回应上年度查摆的突出问题 (blocking); 深入查找突出问题 (advisory, 3 problems, no cause phrase asked);
    /// 防止以班子述职代替书记述职 (advisory). No share rules: the seed sets none.
    /// </summary>
    public static ReportRules Seed000 { get; } = new(
        new LengthRule(true, RuleSeverity.Blocking, null, 3000),
        new ShareRule(false, RuleSeverity.Blocking, Fraction.Of(1, 3), null),
        new ShareRule(false, RuleSeverity.Advisory, Fraction.Percent(65), Fraction.Percent(70)),
        new ShareRule(false, RuleSeverity.Advisory, Fraction.Percent(30), Fraction.Percent(35)),
        new DataFiguresRule(true, RuleSeverity.Advisory, 3),
        new SimpleRule(true, RuleSeverity.Blocking),
        new RectificationRule(true, RuleSeverity.Blocking, 1),
        DefaultFirstPerson,
        new ProblemListRule(true, RuleSeverity.Advisory, 3, false, ProblemListRule.DefaultCausePhrases),
        new SimpleRule(true, RuleSeverity.Blocking));

    /// <summary>
    /// Seed 004 (深圳技术大学): no length or share numbers (“简明扼要”); the four parts of the framework required;
    /// problems with measures (存在问题及整改措施, advisory, 1 problem, no cause phrase); figures advisory (3).
    /// </summary>
    public static ReportRules Seed004 { get; } = new(
        new LengthRule(false, RuleSeverity.Advisory, null, null),
        new ShareRule(false, RuleSeverity.Advisory, Fraction.Of(1, 3), null),
        new ShareRule(false, RuleSeverity.Advisory, null, null),
        new ShareRule(false, RuleSeverity.Advisory, null, null),
        new DataFiguresRule(true, RuleSeverity.Advisory, 3),
        new SimpleRule(true, RuleSeverity.Blocking),
        new RectificationRule(true, RuleSeverity.Blocking, 1),
        DefaultFirstPerson,
        new ProblemListRule(true, RuleSeverity.Advisory, 1, false, ProblemListRule.DefaultCausePhrases),
        new SimpleRule(true, RuleSeverity.Blocking));

    /// <summary>
    /// Configuration errors as (code, args), like <c>BallotForm.Validate</c>; each code names the rule so the page
    /// can point at the field. Disabled rules are validated too: switching one on must not reveal old nonsense.
    /// </summary>
    public IReadOnlyList<(string Code, object[] Args)> Validate()
    {
        var errors = new List<(string, object[])>();
        if (Length.Min is < 0 || Length.Max is < 0) errors.Add(("ReportRules.LengthNegative", []));
        if (Length.Max is 0) errors.Add(("ReportRules.LengthMaxZero", []));
        if (Length is { Min: { } lmin, Max: { } lmax } && lmin > lmax) errors.Add(("ReportRules.LengthMinAboveMax", [lmin, lmax]));
        if (Length.Enabled && Length.Min is null && Length.Max is null) errors.Add(("ReportRules.LengthNoBounds", []));
        Share(errors, "ProblemsShare", ProblemsShare);
        Share(errors, "AchievementsShare", AchievementsShare);
        Share(errors, "ProblemsAndPlansShare", ProblemsAndPlansShare);
        if (DataFigures.MinCount < 0) errors.Add(("ReportRules.DataMinNegative", []));
        if (Rectification.MinCharacters < 1) errors.Add(("ReportRules.RectificationMinBelowOne", []));
        if (FirstPerson.MinSingularShare is var f && !f.IsValidShare) errors.Add(("ReportRules.ShareOutOfRange", ["FirstPerson"]));
        if (FirstPerson.SingularPronouns.All(string.IsNullOrWhiteSpace)) errors.Add(("ReportRules.FirstPersonNoSingular", []));
        if (FirstPerson.CollectivePronouns.Concat(FirstPerson.CollectiveNouns).All(string.IsNullOrWhiteSpace)) errors.Add(("ReportRules.FirstPersonNoCollective", []));
        if (ProblemList.MinProblems is < 0 or > 20) errors.Add(("ReportRules.ProblemCountOutOfRange", [0, 20]));
        if (ProblemList.RequireCause && ProblemList.CausePhrases.All(string.IsNullOrWhiteSpace)) errors.Add(("ReportRules.CausePhrasesEmpty", []));
        if (new[] { (IReportRule)Length, ProblemsShare, AchievementsShare, ProblemsAndPlansShare, DataFigures, Topics, Rectification, FirstPerson, ProblemList, RequiredSections }
                .Any(r => !Enum.IsDefined(r.Severity)))
            errors.Add(("ReportRules.SeverityUnknown", []));
        return errors;
    }

    /// <summary>Throws the first configuration error as a <see cref="DomainException"/>.</summary>
    public ReportRules EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new DomainException(errors[0].Code, errors[0].Args);
        return this;
    }

    private static void Share(List<(string, object[])> errors, string name, ShareRule rule)
    {
        if (rule.Min is { IsValidShare: false } || rule.Max is { IsValidShare: false }) errors.Add(("ReportRules.ShareOutOfRange", [name]));
        else if (rule is { Min: { } min, Max: { } max } && min.CompareTo(max) > 0) errors.Add(("ReportRules.ShareMinAboveMax", [name, min.Display(), max.Display()]));
        if (rule.Enabled && rule.Min is null && rule.Max is null) errors.Add(("ReportRules.ShareNoBounds", [name]));
    }
}
