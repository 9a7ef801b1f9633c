using System.Globalization;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>Compares Home Assistant versions such as <c>2025.1.0</c>, <c>2022.9.0b3</c> or <c>2025.2.0.dev0</c>.</summary>
internal static class HassVersion
{
    /// <summary>True when <paramref name="version"/> is at least <paramref name="year"/>.<paramref name="month"/>.</summary>
    public static bool AtLeast(string? version, int year, int month)
    {
        if (!TryParse(version, out var y, out var m))
        {
            return false;
        }

        return y > year || (y == year && m >= month);
    }

    public static bool TryParse(string? version, out int year, out int month)
    {
        year = 0;
        month = 0;
        if (string.IsNullOrWhiteSpace(version))
        {
            return false;
        }

        var parts = version.Split('.');
        return parts.Length >= 2 && int.TryParse(Digits(parts[0]), NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && int.TryParse(Digits(parts[1]), NumberStyles.None, CultureInfo.InvariantCulture, out month);
    }

    // Keeps the leading digits, so beta/dev suffixes such as "0b3" or "9rc1" are stripped.
    private static string Digits(string part)
    {
        var end = 0;
        while (end < part.Length && char.IsAsciiDigit(part[end]))
        {
            end++;
        }

        return part[..end];
    }
}
