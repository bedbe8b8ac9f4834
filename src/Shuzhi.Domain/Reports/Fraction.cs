using System.Globalization;

namespace Shuzhi.Domain.Reports;

/// <summary>
/// A share of a report as an exact fraction (1/3, 65/100). Shares are compared in whole numbers
/// (part × denominator against numerator × total) so that a report sitting exactly at a limit,
/// e.g. 500 of 1500 characters against 1/3, passes; a decimal 33.3 % would fail it or pass 499.
/// </summary>
public sealed record Fraction(int Numerator, int Denominator)
{
    public static Fraction Of(int numerator, int denominator) => new(numerator, denominator);

    /// <summary>A percentage with up to two decimals, e.g. 65 or 33.33, reduced (65 → 13/20).</summary>
    public static Fraction Percent(decimal percent)
    {
        var scaled = percent * 100m;
        if (scaled != decimal.Truncate(scaled)) throw new DomainException("ReportRules.PercentTooPrecise", percent);
        var n = (long)scaled;
        long d = 10000;
        var g = Gcd(Math.Abs(n), d);
        return new((int)(n / g), (int)(d / g));
    }

    /// <summary>True when 0 ≤ value ≤ 1 with a positive denominator.</summary>
    public bool IsValidShare => Denominator > 0 && Numerator >= 0 && Numerator <= Denominator;

    public decimal Value => (decimal)Numerator / Denominator;
    public decimal AsPercent => 100m * Numerator / Denominator;

    /// <summary>part / total ≥ this (this fraction used as a minimum). An empty report (total 0) meets only a zero minimum.</summary>
    public bool MinimumMetBy(long part, long total) => total == 0 ? Numerator == 0 : (long)Numerator * total <= part * (long)Denominator;

    /// <summary>part / total ≤ this (this fraction used as a maximum). An empty report meets every maximum.</summary>
    public bool MaximumMetBy(long part, long total) => part * (long)Denominator <= (long)Numerator * total;

    public int CompareTo(Fraction other) => ((long)Numerator * other.Denominator).CompareTo((long)other.Numerator * Denominator);

    public static Fraction operator +(Fraction a, Fraction b) => Reduce((long)a.Numerator * b.Denominator + (long)b.Numerator * a.Denominator, (long)a.Denominator * b.Denominator);
    public static Fraction operator -(Fraction a, Fraction b) => Reduce((long)a.Numerator * b.Denominator - (long)b.Numerator * a.Denominator, (long)a.Denominator * b.Denominator);

    public static Fraction Max(Fraction a, Fraction b) => a.CompareTo(b) >= 0 ? a : b;
    public static Fraction Min(Fraction a, Fraction b) => a.CompareTo(b) <= 0 ? a : b;

    public static readonly Fraction Zero = new(0, 1);
    public static readonly Fraction One = new(1, 1);

    /// <summary>floor(total × this), e.g. the most characters a share allows in a report of that length.</summary>
    public long FloorOf(long total) => (long)Math.Floor((decimal)total * Numerator / Denominator);

    /// <summary>"33.3%" (one decimal, trailing zero dropped: "65%").</summary>
    public string Display() => FormatPercent(AsPercent, MidpointRounding.AwayFromZero);

    public override string ToString() => $"{Numerator}/{Denominator}";

    internal static string FormatPercent(decimal percent, MidpointRounding rounding) =>
        Math.Round(percent, 1, rounding).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static Fraction Reduce(long n, long d)
    {
        if (d < 0) { n = -n; d = -d; }
        var g = Gcd(Math.Abs(n), d);
        if (g == 0) g = 1;
        return new((int)(n / g), (int)(d / g));
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
