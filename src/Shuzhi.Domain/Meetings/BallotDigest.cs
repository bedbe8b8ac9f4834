using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Shuzhi.Domain.Meetings;

/// <summary>
/// 选票摘要: SHA-256 over the canonical, sorted ballots of a meeting, lower-case hex. One line per ballot:
/// <c>category id;V|I;reporter=mark,reporter=mark…</c> with marks in ascending reporter id, a grade as
/// <c>g:</c> + its label (URI-escaped), points as <c>p:</c> + the dimension points joined by <c>/</c> in invariant
/// form without trailing zeros. Lines are sorted ordinally and joined with <c>\n</c>. Ballot ids, sources and
/// any times are left out, so the digest depends on what was voted only.
/// </summary>
public static class BallotDigest
{
    public static string Line(MeetingBallot b) => Line(b.CategoryId, b.IsValid, b.Marks);

    public static string Line(int categoryId, bool valid, IEnumerable<Mark> marks)
    {
        var parts = marks.Where(m => !m.IsEmpty).OrderBy(m => m.ReporterId).Select(m => m.ReporterId.ToString(CultureInfo.InvariantCulture) + "=" + MarkText(m));
        return categoryId.ToString(CultureInfo.InvariantCulture) + ";" + (valid ? "V" : "I") + ";" + string.Join(",", parts);
    }

    private static string MarkText(Mark m) => !string.IsNullOrWhiteSpace(m.Grade)
        ? "g:" + Uri.EscapeDataString(m.Grade.Trim())
        : "p:" + string.Join("/", m.Points!.Select(p => p is null ? "" : p.Value.ToString("0.############################", CultureInfo.InvariantCulture)));

    public static string Canonical(IEnumerable<MeetingBallot> ballots) =>
        string.Join("\n", ballots.Select(Line).Order(StringComparer.Ordinal));

    public static string Compute(IEnumerable<MeetingBallot> ballots) => FromLines(ballots.Select(Line).ToList());

    /// <summary>The digest of ballots given as their <see cref="Line"/>s (sorted here, in place): hashed line by line, never joined.</summary>
    public static string FromLines(List<string> lines)
    {
        lines.Sort(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var newline = "\n"u8.ToArray();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0) hash.AppendData(newline);
            hash.AppendData(Encoding.UTF8.GetBytes(lines[i]));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>True when the recomputed digest equals the one stored at close (hex, case ignored).</summary>
    public static bool Verify(string stored, string recomputed) =>
        !string.IsNullOrEmpty(stored) && string.Equals(stored.Trim(), recomputed.Trim(), StringComparison.OrdinalIgnoreCase);
}
