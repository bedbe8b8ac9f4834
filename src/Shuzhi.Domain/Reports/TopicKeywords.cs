using Shuzhi.Domain.Campaigns;

namespace Shuzhi.Domain.Reports;

/// <summary>
/// A focus content or 必答题 of the campaign as the topics check sees it. A topic is addressed when every
/// keyword appears in the report (spaces and line breaks ignored on both sides, since a keyword may be split
/// by a line break in a pasted text). A topic without keywords must name its title.
/// </summary>
public sealed record TopicKeywords(string Title, IReadOnlyList<string> Keywords, bool IsMustAnswer = false)
{
    public static TopicKeywords From(CampaignTopic topic) => new(topic.Title, CampaignTopic.KeywordList(topic.Keywords), topic.IsMustAnswer);

    /// <summary>The keywords (or the title) not found in the text, in their configured order.</summary>
    public IReadOnlyList<string> MissingIn(string text)
    {
        var compact = Compact(text);
        var words = Keywords.Where(k => !string.IsNullOrWhiteSpace(k)).ToList();
        if (words.Count == 0) words = [Title];
        return words.Where(k => !compact.Contains(Compact(k), StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static string Compact(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
}
