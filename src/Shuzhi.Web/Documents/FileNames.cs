using System.Globalization;
using System.Text;

namespace Shuzhi.Web.Documents;

/// <summary>File names built from user data (organization and person names) made safe for downloads and zip entries.</summary>
public static class FileNames
{
    public const int DefaultMaxLength = 100;

    private const string Fallback = "未命名";

    private static readonly HashSet<string> ReservedOnWindows = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    /// <summary>
    /// A single file name, never a path: path separators and the characters Windows forbids (\ / : * ? " &lt; &gt; |)
    /// become _, control and invisible formatting characters (such as right-to-left overrides) are removed,
    /// leading and trailing dots and spaces trimmed, device names (CON, NUL.docx, …) prefixed with _, and the
    /// length capped at <paramref name="maxLength"/> characters keeping the extension. Empty names become 未命名.
    /// </summary>
    public static string Sanitize(string? name, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 8);
        var clean = new StringBuilder((name ?? "").Length);
        foreach (var c in (name ?? "").Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                continue;
            clean.Append(c is '\\' or '/' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
        }
        var result = clean.ToString().Trim(' ', '.', '\u3000');

        var extension = Path.GetExtension(result);
        if (extension.Length > 10 || extension.Length == 1) extension = "";
        var stem = result[..^extension.Length].TrimEnd(' ', '.');
        if (stem.Length == 0) stem = Fallback;
        // Windows treats "CON.docx" and "CON .txt" as the device too.
        var device = stem.Split('.')[0].TrimEnd(' ');
        if (ReservedOnWindows.Contains(device)) stem = "_" + stem;

        return Truncate(stem, maxLength - extension.Length) + extension;
    }

    /// <summary>Cuts at a text-element boundary so a surrogate pair or combining sequence is never split.</summary>
    private static string Truncate(string text, int max)
    {
        if (text.Length <= max) return text;
        var end = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext() && elements.ElementIndex + elements.GetTextElement().Length <= max)
            end = elements.ElementIndex + elements.GetTextElement().Length;
        return text[..end].TrimEnd(' ', '.');
    }

    /// <summary>Hands out sanitized names, numbering repeats case-insensitively: 报告.docx, 报告 (2).docx, ….</summary>
    public sealed class Unique(int maxLength = DefaultMaxLength)
    {
        private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

        public string Next(string? name)
        {
            var safe = Sanitize(name, maxLength);
            if (_taken.Add(safe)) return safe;
            var extension = Path.GetExtension(safe);
            var stem = safe[..^extension.Length];
            for (var n = 2; ; n++)
            {
                var suffix = $" ({n})";
                var candidate = Truncate(stem, maxLength - extension.Length - suffix.Length) + suffix + extension;
                if (_taken.Add(candidate)) return candidate;
            }
        }
    }
}
