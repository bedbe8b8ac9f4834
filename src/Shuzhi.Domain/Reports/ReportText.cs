namespace Shuzhi.Domain.Reports;

/// <summary>
/// What a reporter wrote: the plain text of each outline section, keyed by <see cref="OutlineSection.Key"/>
/// (paragraphs separated by newlines), and the response to each of last year's rectification items
/// (item id → response). Keys not in the outline are kept but not counted by the checks: they are text
/// the reporter has not placed yet.
/// </summary>
public sealed record ReportText(IReadOnlyDictionary<string, string> Sections, IReadOnlyDictionary<int, string> RectificationResponses)
{
    public static ReportText Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<int, string>());

    /// <summary>The text of a section, "" when none was written.</summary>
    public string Section(string key) => Sections.TryGetValue(key, out var t) ? t ?? "" : "";

    /// <summary>The response to an item, "" when none was written.</summary>
    public string Response(int itemId) => RectificationResponses.TryGetValue(itemId, out var t) ? t ?? "" : "";

    /// <summary>The text of the outline's sections, in outline order, joined by newlines.</summary>
    public string FullText(ReportOutline outline) => string.Join("\n", outline.Sections.Select(s => Section(s.Key)));

    /// <summary>The text of the outline's sections with one of the roles.</summary>
    public string TextOf(ReportOutline outline, params SectionRole[] roles) =>
        string.Join("\n", outline.Sections.Where(s => roles.Contains(s.Role)).Select(s => Section(s.Key)));

    public ReportText WithSection(string key, string text)
    {
        var d = new Dictionary<string, string>(Sections) { [key] = text };
        return this with { Sections = d };
    }

    public ReportText WithResponse(int itemId, string text)
    {
        var d = new Dictionary<int, string>(RectificationResponses) { [itemId] = text };
        return this with { RectificationResponses = d };
    }
}
