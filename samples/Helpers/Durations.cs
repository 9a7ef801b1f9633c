using System.Globalization;

namespace Domovoy.Samples.Helpers;

/// <summary>Formats durations for log lines.</summary>
public static class Durations
{
    /// <summary>Formats a duration as e.g. "2 min 5 s".</summary>
    public static string Describe(TimeSpan duration) => duration.TotalMinutes >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds} s")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} s");
}
