using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Shuzhi.Web.Documents;

/// <summary>Text rules shared by the reader and the writer: cell references, escaping, cleaning, widths and sheet names.</summary>
internal static partial class XlsxText
{
    public const int MaxColumns = 16_384;
    public const int MaxRows = 1_048_576;
    private const int MaxSheetNameLength = 31;

    /// <summary>Column letters for a 0-based column index: 0 → A, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        Span<char> letters = stackalloc char[3];
        var position = letters.Length;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            letters[--position] = (char)('A' + (n - 1) % 26);
        return new string(letters[position..]);
    }

    /// <summary>0-based column index of a cell reference such as "AB12", or null when it has no valid column.</summary>
    public static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            var upper = char.ToUpperInvariant(c);
            if (upper is < 'A' or > 'Z') break;
            if (++letters > 3) return null;
            index = index * 26 + (upper - 'A' + 1);
        }
        return letters == 0 || index > MaxColumns ? null : index - 1;
    }

    /// <summary>
    /// Prepares a string for a cell: drops characters XML cannot carry, escapes literal "_xHHHH_" sequences
    /// (Excel would decode them) and quotes text a spreadsheet or CSV consumer could take for a formula.
    /// </summary>
    public static string ForCell(string value)
    {
        var text = RemoveInvalidXmlChars(value);
        if (text.Contains("_x", StringComparison.OrdinalIgnoreCase))
            text = EscapedSequence().Replace(text, "_x005F_");
        return LooksLikeFormula(text) ? "'" + text : text;
    }

    // "-" followed by a digit (or ".") is number-like text such as "-5" and is left alone.
    private static bool LooksLikeFormula(string text) =>
        text.Length > 0 && (text[0] is '=' or '+' or '@' or '\t' or '\r'
                            || (text[0] == '-' && text.Length > 1 && !char.IsAsciiDigit(text[1]) && text[1] != '.'));

    public static string RemoveInvalidXmlChars(string value)
    {
        var firstInvalid = FirstInvalidXmlChar(value);
        if (firstInvalid < 0) return value;

        var builder = new StringBuilder(value.Length);
        builder.Append(value, 0, firstInvalid);
        for (var i = firstInvalid; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                builder.Append(c).Append(value[++i]);
            else if (IsValidXmlChar(c))
                builder.Append(c);
        }
        return builder.ToString();
    }

    private static int FirstInvalidXmlChar(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (!IsValidXmlChar(c)) return i;
        }
        return -1;
    }

    private static bool IsValidXmlChar(char c) =>
        c is '\t' or '\n' or '\r' || (c >= ' ' && !char.IsSurrogate(c) && c != '\uFFFE' && c != '\uFFFF');

    /// <summary>Decodes "_xHHHH_" escapes, drops control characters and trims (including U+3000 and zero-width spaces).</summary>
    public static string Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return "";
        var text = raw.Contains("_x", StringComparison.OrdinalIgnoreCase)
            ? EncodedChar().Replace(raw, m => ((char)int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())
            : raw;
        text = RemoveInvalidXmlChars(text);
        return text.Trim().Trim('\u200B', '\uFEFF').Trim();
    }

    /// <summary>Approximate display width in Excel character units; CJK and full-width characters count double.</summary>
    public static int DisplayWidth(string text)
    {
        int widest = 0, current = 0;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                widest = Math.Max(widest, current);
                current = 0;
            }
            else if (!char.IsLowSurrogate(c))
            {
                current += IsWide(c) ? 2 : 1;
            }
        }
        return Math.Max(widest, current);
    }

    private static bool IsWide(char c) =>
        c is >= '\u1100' and <= '\u115F'
            or >= '\u2E80' and <= '\uA4CF'
            or >= '\uAC00' and <= '\uD7A3'
            or >= '\uF900' and <= '\uFAFF'
            or >= '\uFE30' and <= '\uFE4F'
            or >= '\uFF00' and <= '\uFF60'
            or >= '\uFFE0' and <= '\uFFE6'
        || char.IsHighSurrogate(c); // supplementary planes: CJK extensions and emoji

    /// <summary>Makes names valid and unique (case-insensitively) under Excel's sheet name rules.</summary>
    public static IReadOnlyList<string> SheetNames(IEnumerable<string?> requested)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var name in requested)
        {
            var baseName = SheetName(name, names.Count + 1);
            var candidate = baseName;
            for (var n = 2; !used.Add(candidate); n++)
            {
                var suffix = $" ({n})";
                candidate = Truncate(baseName, MaxSheetNameLength - suffix.Length) + suffix;
            }
            names.Add(candidate);
        }
        return names;
    }

    private static string SheetName(string? requested, int position)
    {
        var builder = new StringBuilder();
        foreach (var c in RemoveInvalidXmlChars(requested ?? ""))
        {
            if (char.IsControl(c)) continue;
            builder.Append(c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? '_' : c);
        }
        // Excel rejects names that begin or end with an apostrophe.
        var name = Truncate(builder.ToString().Trim().Trim('\''), MaxSheetNameLength).Trim().Trim('\'');
        if (name.Length == 0) return $"Sheet{position}";
        return name.Equals("History", StringComparison.OrdinalIgnoreCase) ? name + "_" : name;
    }

    private static string Truncate(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];

    [GeneratedRegex("_(?=x[0-9A-Fa-f]{4}_)")]
    private static partial Regex EscapedSequence();

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex EncodedChar();
}
