using System.Globalization;

namespace Domovoy.Benchmarks;

internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Mb(long bytes) => (bytes / 1024d / 1024d).ToString("0.00", CultureInfo.InvariantCulture) + " MB";
}
