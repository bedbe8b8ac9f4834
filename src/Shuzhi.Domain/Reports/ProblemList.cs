using System.Text.RegularExpressions;

namespace Shuzhi.Domain.Reports;

/// <summary>
/// How many problems the problems part lists. Three marker styles are recognised, as reporters use them:
/// 一是、二是、三是 (seed 003 附件1) at the start of a clause; 1. 2. 3. (also 1、 and full-width digits) at the
/// start of a line; （一）（二） or (1) (2) anywhere. The count is the number of distinct ordinals of the
/// style used most, so a cause analysis that again says 一是、二是 does not add problems, and two styles
/// mixed do not add up.
/// </summary>
public static class ProblemList
{
    private const string Cn = "一二三四五六七八九十";

    private static readonly Regex Shi = new($"(?<=^|[\\s。；;，,：:！!？?、）)])(?<n>[{Cn}]{{1,3}})是", RegexOptions.Compiled | RegexOptions.Multiline);
    private static readonly Regex Numbered = new("^[ \\t\u3000]*(?<n>[0-9０-９]{1,2})(?:[.．、](?![0-9０-９])|[)）])", RegexOptions.Compiled | RegexOptions.Multiline);
    private static readonly Regex Paren = new($"[（(](?<n>[{Cn}]{{1,3}}|[0-9０-９]{{1,2}})[）)]", RegexOptions.Compiled);
    private static readonly Regex Marker = new($"^(?:[{Cn}]{{1,3}}是|[（(](?:[{Cn}]{{1,3}}|[0-9０-９]{{1,2}})[）)]|[0-9０-９]{{1,2}}[.．、)）]|第[{Cn}]{{1,3}})$", RegexOptions.Compiled);

    public static int Count(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        return new[] { Shi, Numbered, Paren }
            .Max(r => r.Matches(text).Select(m => m.Groups["n"].Value.Normalize(System.Text.NormalizationForm.FormKC)).Distinct().Count());
    }

    /// <summary>Whether the text contains one of the cause phrases (原因、根源…).</summary>
    public static bool HasCause(string? text, IReadOnlyList<string> phrases) =>
        !string.IsNullOrEmpty(text) && phrases.Any(p => !string.IsNullOrWhiteSpace(p) && text.Contains(p.Trim(), StringComparison.Ordinal));

    /// <summary>Whether a whole string is a list marker (一是、（一）、1.、第一).</summary>
    internal static bool IsMarker(string s) => Marker.IsMatch(s);
}
