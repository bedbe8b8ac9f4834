using System.Globalization;
using System.Text.RegularExpressions;

namespace Shuzhi.Domain;

/// <summary>Dates as people write them in the files they exchange.</summary>
public static partial class ChineseDates
{
    [GeneratedRegex(@"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")]
    private static partial Regex DatePattern();

    /// <summary>Accepts 2023-12-20, 2023/12/20, 2023.12.20 and 2023年12月20日.</summary>
    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        var m = DatePattern().Match(text?.Trim() ?? "");
        if (!m.Success) return false;
        var (y, mo, d) = (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        if (mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo)) return false;
        date = new DateOnly(y, mo, d);
        return true;
    }

    /// <summary>2023年12月20日.</summary>
    public static string Format(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>A moment in the local zone: 2024年1月15日 09:05.</summary>
    public static string Format(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return $"{Format(DateOnly.FromDateTime(local.DateTime))} {local.Hour:00}:{local.Minute:00}";
    }
}
