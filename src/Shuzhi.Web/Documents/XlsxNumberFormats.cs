using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Shuzhi.Web.Documents;

/// <summary>Turns numeric cell values into text the way a user sees them: dates as yyyy-MM-dd, numbers without exponent noise.</summary>
internal static class XlsxNumberFormats
{
    private const double MaxExcelSerial = 2_958_466; // 9999-12-31 + 1

    /// <summary>For each cell format (the cell's style index), whether it displays a date.</summary>
    public static bool[] DateStyles(Stylesheet? stylesheet)
    {
        var custom = new Dictionary<uint, string>();
        foreach (var format in stylesheet?.NumberingFormats?.Elements<NumberingFormat>() ?? [])
        {
            if (format.NumberFormatId?.Value is { } id) custom[id] = format.FormatCode?.Value ?? "";
        }

        return (stylesheet?.CellFormats?.Elements<CellFormat>() ?? [])
            .Select(xf => IsDateFormat(xf.NumberFormatId?.Value ?? 0, custom))
            .ToArray();
    }

    private static bool IsDateFormat(uint id, Dictionary<uint, string> custom) =>
        custom.TryGetValue(id, out var code)
            ? IsDateCode(code)
            // 14-22 and 45-47 are the international built-in date/time formats; 27-36 and 50-58 are the
            // built-in formats of Chinese (and other East Asian) Excel, e.g. 31 = yyyy"年"m"月"d"日".
            : id is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58;

    /// <summary>Whether a custom format code shows a date: it has y, d, or m (month, not minutes) outside literals.</summary>
    public static bool IsDateCode(string code)
    {
        var tokens = new StringBuilder();
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            switch (c)
            {
                case ';':
                    i = code.Length; // only the first section (positive numbers) decides
                    break;
                case '"':
                    i = code.IndexOf('"', i + 1) is var end and >= 0 ? end : code.Length;
                    break;
                case '[': // [Red], [$-804], [h] and the like
                    i = code.IndexOf(']', i + 1) is var close and >= 0 ? close : code.Length;
                    break;
                case '\\' or '_' or '*': // escaped, padding and fill characters take the next character along
                    i++;
                    break;
                default:
                    tokens.Append(char.ToLowerInvariant(c));
                    break;
            }
        }

        var text = tokens.ToString();
        var hasTime = text.Contains('h') || text.Contains('s');
        return text.Contains('y') || text.Contains('d') || (text.Contains('m') && !hasTime);
    }

    /// <summary>Renders a stored number: dates as yyyy-MM-dd, other numbers with at most 15 significant digits like Excel.</summary>
    public static string Render(string? raw, bool isDate, bool date1904)
    {
        if (string.IsNullOrWhiteSpace(raw)) return "";
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            return raw;

        if (isDate && ToDate(value, date1904) is { } date)
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var text = value.ToString("G15", CultureInfo.InvariantCulture);
        if (text.Contains('E') && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
            text = exact.ToString(CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary>Parses a t="d" (ISO 8601) cell value.</summary>
    public static string RenderIsoDate(string? raw) =>
        DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : raw ?? "";

    private static DateTime? ToDate(double serial, bool date1904)
    {
        if (date1904) serial += 1462;
        if (serial < 1 || serial >= MaxExcelSerial) return null;
        // Excel counts the non-existent 1900-02-29 as day 60; OLE automation dates are a day off before it.
        if (serial < 60) serial += 1;
        return DateTime.FromOADate(serial);
    }
}
