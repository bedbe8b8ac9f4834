namespace Shuzhi.Domain.Reports;

/// <summary>What a part of a debrief report is for; the length-share checks add up the parts by role.</summary>
public enum SectionRole
{
    Achievements = 1, // 主要做法和成效 / 主要工作进展成效
    Highlights = 2,   // 工作特色亮点 (counted with the achievements, seed 003 四.5)
    Problems = 3,     // 存在问题及原因分析 / 存在问题及整改措施
    Plans = 4,        // 下步工作打算 / 下一步工作计划
    Other = 9,
}

/// <summary>
/// A heading of a track's outline template (述职报告提纲). Level 1 is a part (一、), level 2 a sub-part
/// (（一）) that belongs to the level-1 part before it. <see cref="Key"/> is stable within the outline.
/// </summary>
public sealed record OutlineSection(string Key, int Level, string Heading, string Guidance, SectionRole Role, bool Required);

/// <summary>The outline a track's reporters write to; editable per track, prefilled from the seeds.</summary>
public sealed record ReportOutline(IReadOnlyList<OutlineSection> Sections)
{
    public const int MaxSections = 30;
    public const int MaxHeading = 100;
    public const int MaxGuidance = 1000;
    public const int MaxKey = 64;

    /// <summary>
    /// An outline staff may set: one to <see cref="MaxSections"/> sections, each with a heading and a stable key of its
    /// own, levels 1 and 2 only and the first a part (一、) so every sub-part (（一）) belongs to a part.
    /// </summary>
    public ReportOutline EnsureValid()
    {
        if (Sections.Count == 0) throw new DomainException("Track.OutlineEmpty");
        if (Sections.Count > MaxSections) throw new DomainException("Outline.TooManySections", MaxSections);
        if (Sections.Any(s => string.IsNullOrWhiteSpace(s.Key) || s.Key.Length > MaxKey)) throw new DomainException("Outline.BadKey");
        if (Sections.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count() != Sections.Count) throw new DomainException("Track.OutlineDuplicateKey");
        for (var i = 0; i < Sections.Count; i++)
        {
            var s = Sections[i];
            if (string.IsNullOrWhiteSpace(s.Heading)) throw new DomainException("Outline.HeadingRequired", i + 1);
            if (s.Heading.Trim().Length > MaxHeading) throw new DomainException("Outline.HeadingTooLong", s.Heading.Trim()[..10] + "…", MaxHeading);
            if ((s.Guidance ?? "").Length > MaxGuidance) throw new DomainException("Outline.GuidanceTooLong", s.Heading, MaxGuidance);
            if (s.Level is not (1 or 2)) throw new DomainException("Outline.BadLevel", s.Heading);
            if (!Enum.IsDefined(s.Role)) throw new DomainException("Outline.BadRole", s.Heading);
        }
        if (Sections[0].Level != 1) throw new DomainException("Outline.FirstMustBePart");
        return this;
    }

    /// <summary>The keys of this outline that <paramref name="other"/> no longer has.</summary>
    public IReadOnlyList<OutlineSection> Removed(ReportOutline other) =>
        Sections.Where(s => other.Sections.All(o => o.Key != s.Key)).ToList();

    /// <summary>Seed 003 附件1: three parts, the first with four sub-parts.</summary>
    public static ReportOutline Seed003 { get; } = new(
    [
        new("achievements", 1, "主要做法和成效", "", SectionRole.Achievements, true),
        new("achievements.political", 2, "加强政治建设方面", "主要包括深入学习贯彻习近平新时代中国特色社会主义思想，跟进学习习近平总书记最新重要讲话和重要指示批示精神，学习贯彻党的二十大精神，贯彻落实组织工作会议部署，扎实开展主题教育等情况。", SectionRole.Achievements, false),
        new("achievements.center", 2, "服务保障中心大局方面", "主要包括贯彻落实上级全会决策部署和组织工作会议精神，在重大任务中彰显基层党建工作成效，特别是服务保障拼经济搞建设、防风险保安全等情况。", SectionRole.Achievements, false),
        new("achievements.tasks", 2, "推进基层党建工作重点任务落实方面", "主要包括推进各领域基层党组织建设和标准化规范化建设，整顿软弱涣散基层党组织，抓党建促乡村振兴、以党建引领城市基层治理，加强党员发展和教育管理，严格落实组织生活制度和按期换届制度等情况。", SectionRole.Achievements, false),
        new("achievements.duty", 2, "落实责任方面", "主要包括履行抓基层党建工作主体责任、书记第一责任人职责、班子成员“一岗双责”，落实党风廉政建设责任制、意识形态工作责任制，以及上年度述职评议考核整改落实情况和巡视、巡察反馈问题整改情况等。", SectionRole.Achievements, false),
        new("problems", 1, "存在问题及原因分析", "此部分不少于整个篇幅的1/3。一是……二是……三是……以上问题究其原因，主要在于……", SectionRole.Problems, true),
        new("plans", 1, "下步工作打算", "一是……二是……三是……", SectionRole.Plans, true),
    ]);

    /// <summary>Seed 004 (述职重点内容 and 撰写述职报告): four parts, the first with the four points of 主要工作进展成效.</summary>
    public static ReportOutline Seed004 { get; } = new(
    [
        new("progress", 1, "主要工作进展成效", "", SectionRole.Achievements, true),
        new("progress.political", 2, "加强政治建设情况", "全面贯彻落实党的二十大精神，学懂弄通做实习近平新时代中国特色社会主义思想，做到“两个维护”情况。", SectionRole.Achievements, false),
        new("progress.partybuilding", 2, "落实基层党建工作情况", "严肃党内政治生活，落实“第一议题”“三会一课”、主题党日、民主集中制等制度，发展党员、党员教育管理监督和服务，支委班子建设等情况。", SectionRole.Achievements, false),
        new("progress.ideology", 2, "履行意识形态工作责任制情况", "加强课堂及各类思想文化阵地建设管理，防范校园宗教渗透，加强舆论监控，确保网络意识形态安全等情况。", SectionRole.Achievements, false),
        new("progress.role", 2, "党组织和党员发挥作用情况", "在推动学校教育改革发展等任务中发挥党组织和党员作用，助力学校重大任务和中心工作等情况。", SectionRole.Achievements, false),
        new("highlights", 1, "工作特色亮点", "按照“一总支一品牌、一支部一特色”的思路，结合学科特点和专业特色，形成的党建工作特色做法和经验等。", SectionRole.Highlights, true),
        new("problems", 1, "存在问题及整改措施", "深入剖析党建工作中存在的突出问题，对今后工作提出切实有效的解决方法和改进措施。", SectionRole.Problems, true),
        new("plans", 1, "下一步工作计划", "", SectionRole.Plans, true),
    ]);
}
