using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Campaigns;

/// <summary>
/// 层面: a group of reporters assessed alike, with its debrief mode, score components and weights,
/// ballot form and speaking time. Seed 004 has three; seeds 000 and 003 one each.
/// </summary>
public sealed class Track
{
    private Track() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public string Name { get; private set; } = "";
    public int SortOrder { get; private set; }
    public DebriefMode Mode { get; private set; }
    public IReadOnlyList<WeightedComponent> Components { get; private set; } = [];
    public BallotForm Ballot { get; private set; } = BallotForm.DefaultGrade();
    /// <summary>Speaking time in minutes for on-site debriefs (seed 004: 8).</summary>
    public int? SpeakingMinutes { get; private set; }
    public bool PptRequired { get; private set; }
    /// <summary>The outline template the track's reporters write to (seed 003 附件1 unless changed).</summary>
    public ReportOutline Outline { get; private set; } = ReportOutline.Seed003;
    /// <summary>The report checks of the track with their numbers (seed 003 unless changed).</summary>
    public ReportRules Rules { get; private set; } = ReportRules.Seed003;

    public static Track Create(int campaignId, string name, int sortOrder, DebriefMode mode, IReadOnlyList<WeightedComponent> components,
        BallotForm ballot, int? speakingMinutes, bool pptRequired)
    {
        var t = new Track { CampaignId = campaignId };
        t.Update(name, sortOrder, mode, components, ballot, speakingMinutes, pptRequired);
        return t;
    }

    public void Update(string name, int sortOrder, DebriefMode mode, IReadOnlyList<WeightedComponent> components,
        BallotForm ballot, int? speakingMinutes, bool pptRequired)
    {
        name = name.Trim();
        if (name.Length == 0) throw new DomainException("Track.NameRequired");
        if (name.Length > 100) throw new DomainException("Track.NameTooLong", 100);
        var weightErrors = Weights.Validate(components);
        if (weightErrors.Count > 0) throw new DomainException(weightErrors[0].Code, weightErrors[0].Args);
        // An on-site ballot needs an on-site debrief, and a valid form.
        if (components.Any(c => c.Component == ScoreComponent.OnSiteBallot) && !mode.IsOnSite())
            throw new DomainException("Track.BallotNeedsOnSite");
        var ballotErrors = ballot.Validate();
        if (ballotErrors.Count > 0) throw new DomainException(ballotErrors[0].Code, ballotErrors[0].Args);
        if (speakingMinutes is < 1 or > 60) throw new DomainException("Track.SpeakingTimeOutOfRange");
        Name = name;
        SortOrder = sortOrder;
        Mode = mode;
        Components = components.ToList();
        Ballot = ballot;
        SpeakingMinutes = mode.IsOnSite() ? speakingMinutes : null;
        PptRequired = mode.IsOnSite() && pptRequired;
    }

    /// <summary>Sets the outline and the rules; the rules must be valid and the outline must have a section.</summary>
    public void SetReportTemplate(ReportOutline outline, ReportRules rules)
    {
        Outline = outline.EnsureValid();
        Rules = rules.EnsureValid();
    }

    public Track CopyTo(int campaignId)
    {
        var copy = Create(campaignId, Name, SortOrder, Mode, Components, Ballot, SpeakingMinutes, PptRequired);
        copy.SetReportTemplate(Outline, Rules);
        return copy;
    }
}

/// <summary>A point of the plan's 重点内容 or a 必答题, with the keywords a report must contain to address it.</summary>
public sealed class CampaignTopic
{
    private CampaignTopic() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public bool IsMustAnswer { get; private set; }
    public int SortOrder { get; private set; }
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";
    /// <summary>Separated by 、 or commas.</summary>
    public string Keywords { get; private set; } = "";

    public static CampaignTopic Create(int campaignId, bool mustAnswer, int sortOrder, string title, string text, string keywords)
    {
        var t = new CampaignTopic { CampaignId = campaignId, IsMustAnswer = mustAnswer };
        t.Update(sortOrder, title, text, keywords);
        return t;
    }

    public void Update(int sortOrder, string title, string text, string keywords)
    {
        title = title.Trim();
        if (title.Length == 0) throw new DomainException("Topic.TitleRequired");
        if (title.Length > 200) throw new DomainException("Topic.TitleTooLong", 200);
        SortOrder = sortOrder;
        Title = title;
        Text = text.Trim();
        Keywords = string.Join("、", KeywordList(keywords));
    }

    public static IReadOnlyList<string> KeywordList(string keywords) =>
        keywords.Split(['、', ',', '，', ';', '；', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    public CampaignTopic CopyTo(int campaignId) => Create(campaignId, IsMustAnswer, SortOrder, Title, Text, Keywords);

    /// <summary>The five contents of seed 001 第四条, prefilled and editable.</summary>
    public static IReadOnlyList<(string Title, string Text, string Keywords)> DefaultFocusContents { get; } =
    [
        ("学习贯彻习近平新时代中国特色社会主义思想", "推进基层党组织和广大党员、干部深入学习贯彻习近平新时代中国特色社会主义思想，认真落实习近平总书记重要指示批示精神和党中央重大决策部署，增强“四个意识”、坚定“四个自信”、做到“两个维护”等情况。", "学习贯彻、两个维护"),
        ("履行第一责任人职责", "党委（党组）书记履行抓基层党建和全面从严治党工作第一责任人职责，推动党委（党组）履行抓基层党建工作主体责任、班子其他成员履行分管领域基层党建工作责任等情况。", "第一责任人、主体责任"),
        ("落实基层党建重点任务", "落实基层党建工作重点任务，推进基层党组织建设，加强党支部建设和党员队伍建设，联系服务群众等情况。", "党支部建设、党员队伍"),
        ("服务中心大局", "紧紧围绕党和国家工作大局、本地区本部门本单位中心任务，充分发挥基层党组织战斗堡垒作用和党员先锋模范作用等情况。", "战斗堡垒、先锋模范"),
        ("落实全面从严治党责任", "推动基层党组织落实党风廉政建设责任制、意识形态工作责任制等全面从严治党有关工作情况。", "党风廉政、意识形态"),
    ];

    /// <summary>Seed 003: 拼经济搞建设、防风险保安全.</summary>
    public static IReadOnlyList<(string Title, string Keywords)> DefaultMustAnswer { get; } =
    [
        ("拼经济搞建设", "拼经济、搞建设"),
        ("防风险保安全", "防风险、保安全"),
    ];
}

/// <summary>A reporter of a campaign: an organization in a track, the person who debriefs for it and how.</summary>
public sealed class CampaignReporter
{
    private CampaignReporter() { }

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public int TrackId { get; private set; }
    public int OrganizationId { get; private set; }
    /// <summary>The campaign's organizer, copied here so the scope filter needs no join to the campaign (no filter cycle).</summary>
    public int OrganizerId { get; private set; }
    public int? PersonId { get; private set; }
    public bool IsActing { get; private set; }
    public bool ShortTenure { get; private set; }
    public int SortOrder { get; private set; }
    /// <summary>The 包片领导 who reviews this reporter's report (an account id), when assigned.</summary>
    public string? ReviewerUserId { get; private set; }

    public static CampaignReporter From(int campaignId, int organizerId, int trackId, DerivedReporter d, int sortOrder) => new()
    {
        CampaignId = campaignId, OrganizerId = organizerId, TrackId = trackId, OrganizationId = d.OrganizationId, PersonId = d.PersonId,
        IsActing = d.IsActing, ShortTenure = d.ShortTenure, SortOrder = sortOrder,
    };

    public void MoveTo(int trackId) => TrackId = trackId;

    /// <summary>Assigns (or, with null, clears) the reviewing leader.</summary>
    public void AssignReviewer(string? userId) => ReviewerUserId = string.IsNullOrWhiteSpace(userId) ? null : userId;
}
