using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Shuzhi.Domain.Reports;

/// <summary>A paragraph of an uploaded document, with the hints Word gives about its structure.</summary>
/// <param name="Text">The paragraph's text.</param>
/// <param name="HeadingLevel">1, 2, … when the paragraph style or outline level marks it as a heading.</param>
/// <param name="Bold">Whether the paragraph's text is bold throughout.</param>
/// <param name="Numbered">Whether Word's automatic list numbering is applied (the number is then not in the text).</param>
public sealed record DocumentParagraph(string Text, int? HeadingLevel = null, bool Bold = false, bool Numbered = false);

/// <summary>A paragraph that could not be placed into a section of the outline (0-based index in the document).</summary>
public sealed record UnplacedParagraph(int Index, string Text);

/// <summary>
/// The result of <see cref="OutlineMatcher.Match"/>. <see cref="Sections"/> has every key of the outline (text of
/// a level-1 part is what stands between its heading and its first sub-part); paragraphs are joined with "\n".
/// </summary>
public sealed record OutlineMatch(
    IReadOnlyDictionary<string, string> Sections,
    IReadOnlyList<UnplacedParagraph> Unplaced,
    IReadOnlyDictionary<string, string> MatchedHeadings);

/// <summary>
/// Places the paragraphs of an uploaded report into the sections of the track's outline by their headings.
/// Headings are recognised by their numbering (一、 （一） 1. 1、 第一部分), their Word style, or by matching an
/// outline heading on their own; wording may differ a little (和/及, 存在的问题/存在问题, 下一步/下步).
/// Nothing is dropped: text before the first heading, and under a part heading that matches nothing, is unplaced.
/// </summary>
public static partial class OutlineMatcher
{
    /// <summary>Minimum similarity (0–1) of a heading as written to an outline heading.</summary>
    public const double DefaultThreshold = 0.6;

    /// <summary>Longest heading text (normalized characters) taken as a heading; longer first sentences are body text.</summary>
    private const int MaxHeadingChars = 40;

    private const double PlainThreshold = 0.8;

    private enum Marker { None, Part, SubPart, Ambiguous }

    public static OutlineMatch Match(ReportOutline outline, IReadOnlyList<DocumentParagraph> paragraphs, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(paragraphs);

        var sections = outline.Sections;
        var parents = ParentsOf(sections);
        var normalizedHeadings = sections.Select(s => Normalize(StripParentheticals(s.Heading))).ToArray();

        var texts = sections.ToDictionary(s => s.Key, _ => new StringBuilder());
        var matched = new Dictionary<string, string>();
        var unplaced = new List<UnplacedParagraph>();

        int? current = null;            // index of the outline section receiving text; null: unplaced
        int? currentPart = null;        // index of the level-1 part we are in
        var partSeen = false;           // a level-1 heading (matched or not) was seen
        var lastPartNumber = 0;         // numeral of the last level-1 heading with 一、 numbering

        for (var i = 0; i < paragraphs.Count; i++)
        {
            var paragraph = paragraphs[i];
            var text = (paragraph.Text ?? "").Trim();
            if (text.Length == 0) continue;

            var heading = ReadHeading(paragraph, text);
            if (heading is not null)
            {
                // A plain short paragraph is only a heading when it says nearly what the outline says.
                var plain = heading.Value.Marker == Marker.None && paragraph.HeadingLevel is not > 0 && !paragraph.Bold && !paragraph.Numbered;
                var best = BestSection(heading.Value.Title, heading.Value.Level, plain, sections, parents, normalizedHeadings, currentPart, partSeen);
                if (best is { } hit && hit.Score >= (plain ? Math.Max(threshold, PlainThreshold) : threshold))
                {
                    var section = sections[hit.Index];
                    current = hit.Index;
                    currentPart = section.Level <= 1 ? hit.Index : parents[hit.Index];
                    if (section.Level <= 1) partSeen = true;
                    if (heading.Value.Number is { } n && heading.Value.Marker == Marker.Part) lastPartNumber = n;
                    // A second heading for the same section ("（二）原因分析" under 存在问题及原因分析) is kept as text.
                    if (!matched.TryAdd(section.Key, text)) Append(texts[section.Key], text);
                    else if (heading.Value.Rest.Length > 0) Append(texts[section.Key], heading.Value.Rest);
                    continue;
                }

                if (IsUnknownPart(heading.Value, paragraph, lastPartNumber))
                {
                    current = null;
                    currentPart = null;
                    partSeen = true;
                    if (heading.Value.Number is { } n) lastPartNumber = n;
                    unplaced.Add(new(i, text));
                    continue;
                }
                // Otherwise the writer's own sub-structure (（一）存在的问题, 1. …, a bold line): body text of the current section.
            }

            if (current is { } index) Append(texts[sections[index].Key], text);
            else unplaced.Add(new(i, text));
        }

        return new OutlineMatch(
            texts.ToDictionary(p => p.Key, p => p.Value.ToString()),
            unplaced,
            matched);
    }

    /// <summary>Similarity (0–1) of two headings after normalization: equal wording is 1.</summary>
    public static double Similarity(string a, string b) =>
        Score(Normalize(StripParentheticals(a)), Normalize(StripParentheticals(b)));

    private static void Append(StringBuilder text, string paragraph)
    {
        if (text.Length > 0) text.Append('\n');
        text.Append(paragraph);
    }

    private static int?[] ParentsOf(IReadOnlyList<OutlineSection> sections)
    {
        var parents = new int?[sections.Count];
        int? part = null;
        for (var i = 0; i < sections.Count; i++)
        {
            if (sections[i].Level <= 1) part = i;
            else parents[i] = part;
        }
        return parents;
    }

    private readonly record struct Heading(string Title, string Rest, int Level, Marker Marker, int? Number);

    /// <summary>
    /// Reads a paragraph as a possible heading: its level (0 when unknown), its title (numbering, bracketed notes
    /// and trailing punctuation removed) and, for a run-in heading such as "（一）加强政治建设方面。今年以来……",
    /// the text after it. Null when the paragraph cannot be a heading.
    /// </summary>
    private static Heading? ReadHeading(DocumentParagraph paragraph, string text)
    {
        var (marker, number, afterMarker) = ReadMarker(text);
        var styled = paragraph.HeadingLevel is > 0;
        var level = marker switch
        {
            Marker.Part => 1,
            Marker.SubPart => 2,
            _ => styled ? Math.Min(paragraph.HeadingLevel!.Value, 2) : 0,
        };

        var whole = TrimHeadingEnd(StripParentheticals(TrimHeadingEnd(afterMarker)));
        if (Normalize(whole).Length is > 0 and <= MaxHeadingChars && !SentenceStop().IsMatch(whole))
            return new Heading(whole, "", level, marker, number);

        // A run-in heading is only recognised after explicit numbering or on a heading-styled/bold paragraph.
        if (marker == Marker.None && !styled && !paragraph.Bold && !paragraph.Numbered) return null;
        var stop = SentenceStop().Match(afterMarker);
        if (!stop.Success) return null;
        var title = StripParentheticals(afterMarker[..stop.Index]);
        if (Normalize(title).Length is 0 or > MaxHeadingChars) return null;
        return new Heading(title, afterMarker[(stop.Index + stop.Length)..].Trim(), level, marker, number);
    }

    private static (Marker Marker, int? Number, string AfterMarker) ReadMarker(string text)
    {
        // Matched on the text as written (both widths) so the body text after a run-in heading keeps its punctuation.
        if (PartMarker().Match(text) is { Success: true } part)
            return (Marker.Part, ChineseNumber(part.Groups[1].Value), text[part.Length..].Trim());
        if (ChapterMarker().Match(text) is { Success: true } chapter)
            return (Marker.Part, ChineseNumber(chapter.Groups[1].Value), text[chapter.Length..].Trim());
        if (SubPartMarker().Match(text) is { Success: true } sub)
            return (Marker.SubPart, ChineseNumber(sub.Groups[1].Value), text[sub.Length..].Trim());
        if (ArabicMarker().Match(text) is { Success: true } arabic)
            return (Marker.Ambiguous, ChineseNumber(arabic.Groups[1].Value), text[arabic.Length..].Trim());
        return (Marker.None, null, text);
    }

    /// <summary>
    /// An unmatched heading starts a part of its own (whose text is unplaced) when it is styled as a level-1
    /// heading or numbered as the next part (一、 二、 …). A part numeral that does not continue the sequence
    /// (一、 again inside 存在问题) is a list in the body.
    /// </summary>
    private static bool IsUnknownPart(Heading heading, DocumentParagraph paragraph, int lastPartNumber) =>
        heading.Marker == Marker.Part
            ? heading.Number is not { } n || n > lastPartNumber
            : heading.Marker == Marker.None && paragraph.HeadingLevel == 1;

    private static (int Index, double Score)? BestSection(
        string title, int level, bool plain, IReadOnlyList<OutlineSection> sections, int?[] parents, string[] normalizedHeadings,
        int? currentPart, bool partSeen)
    {
        var normalized = Normalize(title);
        if (normalized.Length == 0) return null;

        (int Index, double Score, double Rank)? best = null;
        for (var i = 0; i < sections.Count; i++)
        {
            var isPart = sections[i].Level <= 1;
            // Sub-parts are matched within their part; before any part heading (or for a part-numbered
            // heading in a flattened report) any sub-part may match and implies its part.
            if (!isPart && parents[i] != currentPart && partSeen && level != 1) continue;

            var score = plain ? Dice(normalized, normalizedHeadings[i]) : Score(normalized, normalizedHeadings[i]);
            var expectedLevel = level == 0 || (isPart ? level == 1 : level == 2);
            var rank = score + (expectedLevel ? 0.05 : 0);
            if (best is null || rank > best.Value.Rank) best = (i, score, rank);
        }
        return best is { } b ? (b.Index, b.Score) : null;
    }

    /// <summary>
    /// The best of bigram Dice, the longest common subsequence ratio (下步打算 / 下步工作打算) and containment
    /// (加强政治建设 / 加强政治建设方面).
    /// </summary>
    private static double Score(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        if (a == b) return 1;

        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        var containment = shorter.Length >= 4 && longer.Contains(shorter, StringComparison.Ordinal)
            ? 0.75 + 0.25 * shorter.Length / longer.Length
            : 0;
        return Math.Max(Math.Max(Dice(a, b), 2.0 * CommonSubsequence(a, b) / (a.Length + b.Length)), containment);
    }

    private static int CommonSubsequence(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var row = new int[b.Length + 1];
        foreach (var c in a)
        {
            for (var j = 1; j <= b.Length; j++)
                row[j] = c == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], row[j - 1]);
            (previous, row) = (row, previous);
        }
        return previous[b.Length];
    }

    private static double Dice(string a, string b)
    {
        if (a.Length < 2 || b.Length < 2) return a == b ? 1 : 0;
        var bigrams = new Dictionary<(char, char), int>();
        for (var i = 0; i + 1 < a.Length; i++)
        {
            var key = (a[i], a[i + 1]);
            bigrams[key] = bigrams.GetValueOrDefault(key) + 1;
        }
        var common = 0;
        for (var i = 0; i + 1 < b.Length; i++)
        {
            var key = (b[i], b[i + 1]);
            if (bigrams.GetValueOrDefault(key) is > 0 and var n)
            {
                bigrams[key] = n - 1;
                common++;
            }
        }
        return 2.0 * common / (a.Length - 1 + b.Length - 1);
    }

    /// <summary>
    /// Full-width to half-width, letters and digits only, and the small wording differences of Chinese
    /// headings folded: 和/与/以及 → 及, 的 dropped, 下一步 → 下步.
    /// </summary>
    internal static string Normalize(string text)
    {
        var t = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var letters = new StringBuilder(t.Length);
        foreach (var c in t)
            if (char.IsLetterOrDigit(c)) letters.Append(c);
        return letters.ToString()
            .Replace("以及", "及", StringComparison.Ordinal)
            .Replace('和', '及')
            .Replace('与', '及')
            .Replace("的", "", StringComparison.Ordinal)
            .Replace("下一步", "下步", StringComparison.Ordinal);
    }

    private static string StripParentheticals(string text) => Parenthetical().Replace(text, "").Trim();

    private static string TrimHeadingEnd(string text) => text.Trim().TrimEnd('。', '.', ':', '：', '；', ';', ',', '，', ' ', '\u3000').Trim();

    private static int? ChineseNumber(string numeral)
    {
        if (int.TryParse(numeral.Normalize(NormalizationForm.FormKC), NumberStyles.None, CultureInfo.InvariantCulture, out var arabic)) return arabic;
        const string digits = "零一二三四五六七八九";
        var value = 0;
        var pending = 0;
        foreach (var c in numeral)
        {
            var d = digits.IndexOf(c);
            if (d >= 0) pending = d;
            else if (c == '十') { value += (pending == 0 ? 1 : pending) * 10; pending = 0; }
            else return null;
        }
        return value + pending;
    }

    [GeneratedRegex(@"^\s*([一二三四五六七八九十]{1,3})\s*[、.．]\s*")]
    private static partial Regex PartMarker();

    [GeneratedRegex(@"^\s*第\s*([一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})\s*(?:部分|章|篇)\s*[、.．:：]?\s*")]
    private static partial Regex ChapterMarker();

    [GeneratedRegex(@"^\s*[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*[、.．]?\s*")]
    private static partial Regex SubPartMarker();

    // 1. 1、 1．1) — not 1.5万元 or 2023年.
    [GeneratedRegex(@"^\s*([0-9０-９]{1,2})\s*(?:[、)）]|[.．](?![0-9０-９]))\s*")]
    private static partial Regex ArabicMarker();

    [GeneratedRegex(@"[。;；!！?？:：]")]
    private static partial Regex SentenceStop();

    [GeneratedRegex(@"[(（][^()（）]*[)）]")]
    private static partial Regex Parenthetical();
}
