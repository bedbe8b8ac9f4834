using System.Text.RegularExpressions;

namespace Shuzhi.Domain.Reports;

/// <summary>A concrete figure found in a report, e.g. "12次" or "3.5万元", with where it starts.</summary>
public sealed record DataFigure(string Text, int Index);

/// <summary>
/// Concrete data in a report (seed 003 四.2: 开展党课多少次、发展入党积极分子多少个): a number with its
/// measure word. Counted: Arabic numbers (also full-width, also decimals) and Chinese numbers
/// (三次、十二名、两场、一百二十人), optionally followed by 余/多 and by 万/亿, then a measure word
/// (次 个 名 人 场 项 户 元 % and a few more, see <see cref="Measures"/>); and 百分之… percentages.
/// <para>Not counted, because they are not data about the year's work:</para>
/// <list type="bullet">
/// <item>years, months and days (2023年、12月、5日): 年/月/日 are not measure words;</item>
/// <item>ordinals and list markers (第一次、第3名、一是、（一）、1.): anything after 第, and markers carry no measure word;</item>
/// <item>a lone 一 (一名党员、一次、一个): mostly an article in Chinese prose, not a count; a lone 百、千、万、亿 (千家万户): idioms;</item>
/// <item>a Chinese number with 个 before another Chinese character (三个方面、四个意识、两个维护): structure and slogans;</item>
/// <item>anything inside short quotation marks (“两个确立”“三会一课”), which are slogans;</item>
/// <item>session numbers of meetings (十二届二次全会、五次、六次全会、第二次党代会).</item>
/// </list>
/// The count is a heuristic shown with its matches, so a writer sees what was recognised.
/// </summary>
public static class DataFigures
{
    /// <summary>Measure words, longest first so that 人次 wins over 人.</summary>
    public static IReadOnlyList<string> Measures { get; } =
        ["人次", "户次", "课时", "小时", "次", "个", "名", "人", "场", "项", "户", "元", "篇", "期", "家", "件", "批", "轮", "%", "％"];

    private const string CnDigits = "零〇一二两三四五六七八九十百千万亿";
    private const string Arabic = "[0-9０-９]+(?:[.．][0-9０-９]+)?";

    private static readonly Regex Figure = new(
        $"(?<![0-9０-９.．{CnDigits}])(?<num>{Arabic}|[{CnDigits}]+)(?:余|多)?(?<mag>万|亿)?(?<unit>{string.Join("|", Measures.Select(Regex.Escape))})"
        + $"|百分之(?:{Arabic}|[{CnDigits}]+)",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex Session = new(
        $"(?:[{CnDigits}0-9０-９]+届)?(?:[{CnDigits}0-9０-９]+次[、，,和及]?)+(?:全会|全体会议|党代会|代表大会)",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex ShortQuote = new("[“‘「『\"][^“”‘’「」『』\"\\n]{1,12}[”’」』\"]", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    public static IReadOnlyList<DataFigure> Find(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var excluded = Session.Matches(text).Concat(ShortQuote.Matches(text)).Select(m => (m.Index, End: m.Index + m.Length)).ToList();
        var found = new List<DataFigure>();
        foreach (Match m in Figure.Matches(text))
        {
            if (excluded.Any(e => m.Index < e.End && m.Index + m.Length > e.Index)) continue;
            if (m.Index > 0 && text[m.Index - 1] == '第') continue;
            var num = m.Groups["num"];
            if (num.Success && IsChinese(num.Value))
            {
                if (num.Value is "一" or "百" or "千" or "万" or "亿") continue;
                var after = m.Index + m.Length;
                if (m.Groups["unit"].Value == "个" && after < text.Length && IsHan(text[after])) continue;
            }
            found.Add(new DataFigure(m.Value, m.Index));
        }
        return found;
    }

    public static int Count(string? text) => Find(text).Count;

    private static bool IsChinese(string number) => number.All(c => CnDigits.Contains(c));

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';
}
