namespace Shuzhi.Domain.Campaigns;

/// <summary>The score components a track may combine (seed 004 and common practice).</summary>
public enum ScoreComponent
{
    OnSiteBallot = 1,       // 现场测评
    FieldInspection = 2,    // 实地考核
    CrossInspection = 3,    // 交叉检查互评
    UpperReview = 4,        // 上级党组织（党总支）考评
    DailyReview = 5,        // 组织部日常考评
    ReportEvaluation = 6,   // 述职报告评价
}

public enum DebriefMode
{
    OnSite = 1,   // 现场述职
    Written = 2,  // 书面述职
    Both = 3,     // 书面述职 + 现场述职
}

public static class TrackTerms
{
    public static readonly IReadOnlyDictionary<ScoreComponent, string> ComponentNames = new Dictionary<ScoreComponent, string>
    {
        [ScoreComponent.OnSiteBallot] = "现场测评",
        [ScoreComponent.FieldInspection] = "实地考核",
        [ScoreComponent.CrossInspection] = "交叉检查互评",
        [ScoreComponent.UpperReview] = "上级党组织（党总支）考评",
        [ScoreComponent.DailyReview] = "组织部日常考评",
        [ScoreComponent.ReportEvaluation] = "述职报告评价",
    };

    public static readonly IReadOnlyDictionary<DebriefMode, string> ModeNames = new Dictionary<DebriefMode, string>
    {
        [DebriefMode.OnSite] = "现场述职",
        [DebriefMode.Written] = "书面述职",
        [DebriefMode.Both] = "书面述职和现场述职",
    };

    public static string Name(this ScoreComponent c) => ComponentNames[c];
    public static string Name(this DebriefMode m) => ModeNames[m];

    public static bool IsOnSite(this DebriefMode m) => m is DebriefMode.OnSite or DebriefMode.Both;
}

/// <summary>A component with its weight in percent.</summary>
public sealed record WeightedComponent(ScoreComponent Component, int Weight);

public static class Weights
{
    /// <summary>Weights are whole percents, each 1–100, no component twice, summing to 100.</summary>
    public static IReadOnlyList<(string Code, object[] Args)> Validate(IReadOnlyList<WeightedComponent> components)
    {
        var errors = new List<(string, object[])>();
        if (components.Count == 0) errors.Add(("Track.NoComponents", []));
        if (components.GroupBy(c => c.Component).Any(g => g.Count() > 1)) errors.Add(("Track.DuplicateComponent", []));
        if (components.Any(c => c.Weight is < 1 or > 100)) errors.Add(("Track.WeightOutOfRange", []));
        var sum = components.Sum(c => c.Weight);
        if (components.Count > 0 && sum != 100) errors.Add(("Track.WeightsNot100", [sum]));
        return errors;
    }
}
