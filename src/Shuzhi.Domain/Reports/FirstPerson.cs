namespace Shuzhi.Domain.Reports;

/// <summary>How often a report speaks as “我” against a collective subject.</summary>
public sealed record FirstPersonCount(int Singular, int Collective)
{
    public int Total => Singular + Collective;
}

/// <summary>
/// Counts first-person singular against collective subjects (<see cref="FirstPersonRule"/>):
/// <list type="bullet">
/// <item>pronouns are matched anywhere, longest first, so 我们 and 我村 are collective and never also 我;</item>
/// <item>我 inside 自我、忘我、敌我 is not the speaker, and 我国、我党、我省、我市、我县、我区 are neither the
/// speaker nor the speaker's own body: both are skipped;</item>
/// <item>collective nouns (班子、党委、支部…) count only where they open a clause: at the start of the text
/// or a line, after 。；！？：，、, or after a list marker (一是、（一）、1.) that opens the clause.
/// Elsewhere they are objects or attributes (贯彻镇党委部署、党支部书记) and not the speaker.</item>
/// </list>
/// </summary>
public static class FirstPerson
{
    private static readonly string[] Neutral = ["我国", "我党", "我省", "我市", "我县", "我区"];
    private const string ClauseBreaks = "。；;！!？?：:，,、\n\r";

    public static FirstPersonCount Count(string? text, FirstPersonRule rule)
    {
        if (string.IsNullOrEmpty(text)) return new(0, 0);
        var pronouns = rule.SingularPronouns.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => (Word: p, Singular: true))
            .Concat(rule.CollectivePronouns.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => (Word: p, Singular: false)))
            .OrderByDescending(p => p.Word.Length).ToList();
        var nouns = rule.CollectiveNouns.Where(n => !string.IsNullOrWhiteSpace(n)).OrderByDescending(n => n.Length).ToList();
        int singular = 0, collective = 0;
        for (var i = 0; i < text.Length;)
        {
            if (Neutral.FirstOrDefault(w => string.CompareOrdinal(text, i, w, 0, w.Length) == 0) is { } neutral)
            {
                i += neutral.Length;
                continue;
            }
            var p = pronouns.FirstOrDefault(p => string.CompareOrdinal(text, i, p.Word, 0, p.Word.Length) == 0);
            if (p.Word is not null && !(p.Word.StartsWith('我') && i > 0 && "自忘敌".Contains(text[i - 1])))
            {
                if (p.Singular) singular++; else collective++;
                i += p.Word.Length;
                continue;
            }
            if (p.Word is not null) { i += p.Word.Length; continue; }
            var n = nouns.FirstOrDefault(n => string.CompareOrdinal(text, i, n, 0, n.Length) == 0);
            if (n is not null && OpensClause(text, i))
            {
                collective++;
                i += n.Length;
                continue;
            }
            i++;
        }
        return new(singular, collective);
    }

    private static bool OpensClause(string text, int i)
    {
        var start = i;
        while (start > 0 && !ClauseBreaks.Contains(text[start - 1])) start--;
        var before = text[start..i].Trim();
        return before.Length == 0 || ProblemList.IsMarker(before);
    }
}
