using System.Text.RegularExpressions;
using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Rectification;

/// <summary>One problem cut out of a report's problems part: its position (0-based) and its text without the marker.</summary>
public sealed record SplitProblem(int Index, string Text);

/// <summary>
/// The problems part cut into problems. <see cref="Preamble"/> is the lead-in before the first marker
/// (对照要求，还存在以下问题：), <see cref="Cause"/> the cause analysis (究其原因……) — neither is a problem.
/// </summary>
public sealed record ProblemSplit(IReadOnlyList<SplitProblem> Problems, string? Preamble, string? Cause);

/// <summary>
/// Splits the problems part of a report (seed 003 附件1 二、存在问题及原因分析) into its problems, on the markers
/// <see cref="ProblemList"/> counts (一是、二是 at a clause start; 1. 1、 １． at a line start; （一）(1) anywhere;
/// the style with most distinct ordinals wins, so a nested list splits on its outer level when both have as many
/// items; when the inner level has more, the outer headings are cut from the end of the item before them). The cause analysis — from a clause starting 究其原因、以上问题、上述问题、原因分析、产生问题的原因…
/// 原因是、剖析原因… — is cut off first and returned apart. A text without markers is one problem.
/// </summary>
public static class ProblemSplitter
{
    /// <summary>A clause (after the text start, a line break or 。；！？) that opens the cause analysis.</summary>
    private static readonly Regex CauseStart = new(
        @"(?<=^|[\n。；;！!？?])[ \t\u3000]*(?:[（(]?[一二三四五六七八九十0-9０-９]{1,2}[)）、.．]\s*)?" +
        @"(?:究其(?:原因|根源|根本|根子)|(?:出现)?(?:以上|上述|这些)(?:问题|不足)|" +
        @"(?:问题)?(?:产生|存在|出现)(?:以上|上述|这些)?(?:问题|不足)?的(?:主要|深层次|根本)?(?:原因|根源)|" +
        @"(?:原因|根源)(?:分析|主要|在于|是|有)|(?:深刻|认真|深入)?(?:分析|剖析|反思|查找)(?:其|问题)?(?:产生的)?(?:原因|根源)|(?:主要|深层次|根本)原因)",
        RegexOptions.Compiled | RegexOptions.Multiline);

    private static readonly char[] Lead = [' ', '\t', '\u3000', '\n', '\r', '，', ',', '、', '：', ':', '；', ';', '。'];
    private static readonly char[] Trail = [' ', '\t', '\u3000', '\n', '\r', '，', ',', '、', '：', ':', '；', ';'];

    public static ProblemSplit Split(string? problemsSectionText)
    {
        var text = (problemsSectionText ?? "").Replace("\r\n", "\n").Trim();
        if (text.Length == 0) return new([], null, null);

        string? cause = null;
        var c = CauseStart.Match(text);
        if (c.Success)
        {
            cause = NullIfEmpty(text[c.Index..]);
            text = text[..c.Index];
        }

        var markers = ProblemList.DominantMarkers(text);
        if (markers.Count == 0)
        {
            var whole = Clean(text);
            return new(whole.Length == 0 ? [] : [new SplitProblem(0, whole)], null, cause);
        }

        // Headings of an outer level with fewer items (（一）学习方面：一是…二是…（二）作风方面：三是…): a style with a
        // marker before the first problem is a heading level; an item ends where such a heading starts.
        var headings = ProblemList.AllMarkers(text)
            .Where(m => m.Style != markers[0].Style)
            .GroupBy(m => m.Style)
            .Where(g => g.Min(m => m.Index) < markers[0].Index)
            .SelectMany(g => g)
            .ToList();

        var problems = new List<SplitProblem>();
        for (var i = 0; i < markers.Count; i++)
        {
            var end = i + 1 < markers.Count ? markers[i + 1].Index : text.Length;
            var start = markers[i].End;
            end = headings.Where(h => h.Index >= start && h.Index < end).Select(h => h.Index).DefaultIfEmpty(end).Min();
            var body = Clean(text[start..end]);
            if (body.Length > 0) problems.Add(new SplitProblem(problems.Count, body));
        }
        return new(problems, NullIfEmpty(text[..markers[0].Index]), cause);
    }

    private static string Clean(string s) => s.Trim().TrimStart(Lead).TrimEnd(Trail).Trim();

    private static string? NullIfEmpty(string s)
    {
        s = s.Trim();
        return s.Length == 0 ? null : s;
    }
}
