namespace Shuzhi.Bench;

public sealed record Stats(double Median, double P95, double P99)
{
    /// <summary>Nearest-rank percentiles of the timings in milliseconds.</summary>
    public static Stats Of(IReadOnlyCollection<double> ms)
    {
        var sorted = ms.Order().ToArray();
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new(At(0.5), At(0.95), At(0.99));
    }
}
