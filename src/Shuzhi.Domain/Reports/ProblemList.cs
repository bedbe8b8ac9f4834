using System.Text;
using System.Text.RegularExpressions;

namespace Shuzhi.Domain.Reports;

/// <summary>The marker styles reporters number their problems with.</summary>
public enum ProblemMarkerStyle
{
    /// <summary>一是、二是、三是 (seed 003 附件1), at the start of a clause.</summary>
    Shi = 1,
    /// <summary>1. 2. 3. (also 1、 1） and full-width digits) at the start of a line.</summary>
    Numbered = 2,
    /// <summary>（一）（二） or (1) (2), anywhere.</summary>
    Paren = 3,
}

/// <summary>One list marker found in a text: where it starts, how long it is, and its ordinal (一 or 1, full-width folded).</summary>
public sealed record ProblemMarker(ProblemMarkerStyle Style, int Index, int Length, string Ordinal)
{
    public int End => Index + Length;
}

/// <summary>
/// How many problems the problems part lists. Three marker styles are recognised, as reporters use them:
/// 一是、二是、三是 (seed 003 附件1) at the start of a clause; 1. 2. 3. (also 1、 and full-width digits) at the
/// start of a line; （一）（二） or (1) (2) anywhere. The count is the number of distinct ordinals of the
/// style used most, so a cause analysis that again says 一是、二是 does not add problems, and two styles
/// mixed do not add up. <see cref="Rectification.ProblemSplitter"/> splits on the markers of the same style
/// (<see cref="DominantMarkers"/>), so counting and splitting agree.
/// </summary>
public static class ProblemList
{
    private const string Cn = "一二三四五六七八九十";

    private static readonly Regex Shi = new($"(?<=^|[\\s。；;，,：:！!？?、）)])(?<n>[{Cn}]{{1,3}})是", RegexOptions.Compiled | RegexOptions.Multiline);
    private static readonly Regex Numbered = new("^[ \\t\u3000]*(?<n>[0-9０-９]{1,2})(?:[.．、](?![0-9０-９])|[)）])", RegexOptions.Compiled | RegexOptions.Multiline);
    private static readonly Regex Paren = new($"[（(](?<n>[{Cn}]{{1,3}}|[0-9０-９]{{1,2}})[）)]", RegexOptions.Compiled);
    private static readonly Regex Marker = new($"^(?:[{Cn}]{{1,3}}是|[（(](?:[{Cn}]{{1,3}}|[0-9０-９]{{1,2}})[）)]|[0-9０-９]{{1,2}}[.．、)）]|第[{Cn}]{{1,3}})$", RegexOptions.Compiled);

    private static readonly (ProblemMarkerStyle Style, Regex Regex)[] Styles =
        [(ProblemMarkerStyle.Shi, Shi), (ProblemMarkerStyle.Numbered, Numbered), (ProblemMarkerStyle.Paren, Paren)];

    public static int Count(string? text) => DistinctOrdinals(DominantMarkers(text));

    /// <summary>
    /// The markers of the style with the most distinct ordinals, in text order; on a tie the style whose first
    /// marker comes first (the outer level of a nested list). Empty when the text has no marker.
    /// </summary>
    public static IReadOnlyList<ProblemMarker> DominantMarkers(string? text)
    {
        IReadOnlyList<ProblemMarker> best = [];
        foreach (var found in AllMarkers(text).GroupBy(m => m.Style).Select(g => g.ToList()))
        {
            int c = DistinctOrdinals(found), b = DistinctOrdinals(best);
            if (c > b || (c == b && found[0].Index < best[0].Index)) best = found;
        }
        return best;
    }

    /// <summary>Every marker of every style, grouped by style (一是…, 1., （一）) and in text order within a style.</summary>
    public static IReadOnlyList<ProblemMarker> AllMarkers(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        return Styles.SelectMany(s => s.Regex.Matches(text).Select(m =>
        {
            // Numbered markers may start with indentation: the marker starts at the digit.
            var n = m.Groups["n"];
            var start = s.Style == ProblemMarkerStyle.Numbered ? n.Index : m.Index;
            return new ProblemMarker(s.Style, start, m.Index + m.Length - start, n.Value.Normalize(NormalizationForm.FormKC));
        })).ToList();
    }

    private static int DistinctOrdinals(IReadOnlyList<ProblemMarker> markers) => markers.Select(m => m.Ordinal).Distinct().Count();

    /// <summary>Whether the text contains one of the cause phrases (原因、根源…).</summary>
    public static bool HasCause(string? text, IReadOnlyList<string> phrases) =>
        !string.IsNullOrEmpty(text) && phrases.Any(p => !string.IsNullOrWhiteSpace(p) && text.Contains(p.Trim(), StringComparison.Ordinal));

    /// <summary>Whether a whole string is a list marker (一是、（一）、1.、第一).</summary>
    internal static bool IsMarker(string s) => Marker.IsMatch(s);
}
