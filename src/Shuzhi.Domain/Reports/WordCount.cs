using System.Globalization;
using System.Text;

namespace Shuzhi.Domain.Reports;

/// <summary>
/// The length of a report as Word shows it under 字数统计 → 字符数(不计空格) ("Characters (no spaces)").
/// <para>
/// Word counts there every character that is not a space: each Chinese character, each Chinese or
/// Latin punctuation mark (，。、“”《》—— counts as two because the dash is two characters), each Latin
/// letter and each digit count one ("2023年" is 5, "PPT" is 3). Spaces of every kind (ASCII space, tab,
/// the full-width space U+3000, no-break space U+00A0), paragraph and line breaks do not count.
/// Note the other figure in the same dialog, 字数 ("Words"), counts a Latin word or a number as one
/// ("2023年" is 2); the seeds' "字数" limits are read here as 字符数(不计空格), as issue 4 asks, which is
/// the stricter of the two for text with figures.
/// </para>
/// <para>
/// Counting is by Unicode scalar value, so a character outside the Basic Multilingual Plane (rare
/// CJK Extension B characters, stored as a surrogate pair) counts one, as in Word. Invisible control
/// and format characters (zero-width space U+200B, BOM U+FEFF, soft hyphen) do not count: Word does
/// not show them and a reporter could not find them.
/// </para>
/// </summary>
public static class WordCount
{
    public static int Characters(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        var n = 0;
        foreach (var rune in text.EnumerateRunes())
            if (Counts(rune)) n++;
        return n;
    }

    internal static bool Counts(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune)) return false;
        var cat = Rune.GetUnicodeCategory(rune);
        return cat is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate);
    }
}
