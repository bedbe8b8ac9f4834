using Shuzhi.Domain.Reports;

namespace Shuzhi.Web.Features;

public enum DiffKind { Same, Removed, Added }

public sealed record DiffLine(DiffKind Kind, string Text);

public sealed record SectionDiff(string Heading, int Level, IReadOnlyList<DiffLine> Lines)
{
    public bool Changed => Lines.Any(l => l.Kind != DiffKind.Same);
}

/// <summary>
/// Compares two versions of a report section by section, paragraph by paragraph (a paragraph = a non-blank
/// line, trimmed): the longest common subsequence is kept, the rest is shown as removed from the old version
/// and added in the new one, in reading order.
/// </summary>
public static class ParagraphDiff
{
    public static IReadOnlyList<SectionDiff> Compare(ReportOutline outline, ReportText older, ReportText newer) =>
        outline.Sections.Select(s => new SectionDiff(s.Heading, s.Level, Lines(Paragraphs(older.Section(s.Key)), Paragraphs(newer.Section(s.Key))))).ToList();

    /// <summary>
    /// The responses to the rectification <paramref name="items"/> compared like sections, one entry per item (level 2),
    /// headed by <paramref name="heading"/> (the item's place from 1, and the item).
    /// </summary>
    public static IReadOnlyList<SectionDiff> CompareResponses(IReadOnlyList<RectificationItem> items, ReportText older, ReportText newer, Func<int, RectificationItem, string> heading) =>
        items.Select((item, i) => new SectionDiff(heading(i + 1, item), 2, Lines(Paragraphs(older.Response(item.Id)), Paragraphs(newer.Response(item.Id))))).ToList();

    public static IReadOnlyList<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n").Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();

    public static IReadOnlyList<DiffLine> Lines(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        // lcs[i, j] = length of the LCS of a[i..] and b[j..].
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
            for (var j = b.Count - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var result = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Count && y < b.Count)
        {
            if (a[x] == b[y]) { result.Add(new(DiffKind.Same, a[x])); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) result.Add(new(DiffKind.Removed, a[x++]));
            else result.Add(new(DiffKind.Added, b[y++]));
        }
        while (x < a.Count) result.Add(new(DiffKind.Removed, a[x++]));
        while (y < b.Count) result.Add(new(DiffKind.Added, b[y++]));
        return result;
    }
}
