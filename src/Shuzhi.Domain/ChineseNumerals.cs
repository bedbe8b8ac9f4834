using System.Globalization;

namespace Shuzhi.Domain;

/// <summary>The numbers of headings in Chinese documents: 一、二、… 二十 (then Arabic figures).</summary>
public static class ChineseNumerals
{
    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
        "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"];

    /// <summary>1 → 一, 12 → 十二, 21 → 21.</summary>
    public static string Of(int number) =>
        number >= 1 && number <= Numerals.Length ? Numerals[number - 1] : number.ToString(CultureInfo.InvariantCulture);
}
