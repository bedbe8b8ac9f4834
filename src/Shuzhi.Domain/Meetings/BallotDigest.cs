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
        return FromSortedLines(lines.Select(Encoding.UTF8.GetBytes));
    }

    /// <summary>
    /// The digest of lines already in <see cref="LineOrder"/>, given as UTF-8 bytes, so a caller can stream them (for
    /// example out of an external sort) without holding all of them. The same value as <see cref="FromLines"/> over the
    /// same lines; lines out of order are refused rather than hashed into a different digest.
    /// </summary>
    public static string FromSortedLines(IEnumerable<byte[]> utf8Lines)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var newline = "\n"u8;
        byte[]? previous = null;
        foreach (var line in utf8Lines)
        {
            if (previous is not null)
            {
                if (LineOrder.Compare(previous, line) > 0) throw new ArgumentException("The lines are not in ordinal order.", nameof(utf8Lines));
                hash.AppendData(newline);
            }
            hash.AppendData(line);
            previous = line;
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// The order of <see cref="FromLines"/> (<see cref="StringComparer.Ordinal"/>, UTF-16 code units) on the lines' UTF-8
    /// bytes. Byte order is code point order, which is the same for everything but characters above U+FFFF against
    /// U+E000–U+FFFF; canonical lines are ASCII anyway (grades are URI-escaped), but the comparer is exact for any text.
    /// </summary>
    public static readonly IComparer<byte[]> LineOrder = new Utf16OrdinalUtf8Comparer();

    private sealed class Utf16OrdinalUtf8Comparer : IComparer<byte[]>
    {
        public int Compare(byte[]? x, byte[]? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var common = x.AsSpan().CommonPrefixLength(y);
            if (common == x.Length || common == y.Length) return x.Length.CompareTo(y.Length);
            // The first differing bytes start the same character in both (UTF-8 synchronizes), or are continuation bytes
            // (below 0xC0). Lead bytes 0xEE/0xEF (U+E000–U+FFFF) sort after 0xF0–0xF4 (surrogate pairs) in UTF-16.
            return Rank(x[common]).CompareTo(Rank(y[common]));
        }

        private static int Rank(byte b) => b is 0xEE or 0xEF ? b + 0x10 : b;
    }

    /// <summary>True when the recomputed digest equals the one stored at close (hex, case ignored).</summary>
    public static bool Verify(string stored, string recomputed) =>
        !string.IsNullOrEmpty(stored) && string.Equals(stored.Trim(), recomputed.Trim(), StringComparison.OrdinalIgnoreCase);
}
