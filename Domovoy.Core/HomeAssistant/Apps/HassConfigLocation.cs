using System.Globalization;
using System.Text.Json;
using Domovoy.Core.Scheduling;

namespace Domovoy.Core.HomeAssistant.Apps;

/// <summary>
/// Reads the home location from a <c>get_config</c> result (<c>latitude</c>, <c>longitude</c> in degrees,
/// <c>elevation</c> in metres; see Home Assistant's <c>Config.as_dict</c>), leniently: numbers or numeric strings are
/// accepted, a missing or unreadable elevation counts as 0, and anything else yields a problem text instead of throwing.
/// </summary>
internal static class HassConfigLocation
{
    /// <summary>The location, or null with <paramref name="problem"/> saying why not.</summary>
    /// <param name="config">The <c>get_config</c> result.</param>
    /// <param name="problem">Why no location (or only a partial one: the elevation) was read; null when all was fine.</param>
    public static GeoLocation? Read(JsonElement config, out string? problem)
    {
        problem = null;
        if (config.ValueKind != JsonValueKind.Object)
        {
            problem = $"get_config returned {config.ValueKind}, not an object";
            return null;
        }

        if (!TryReadDouble(config, "latitude", out var latitude) || !TryReadDouble(config, "longitude", out var longitude))
        {
            problem = $"get_config has no readable latitude/longitude (latitude: {Raw(config, "latitude")}, longitude: {Raw(config, "longitude")})";
            return null;
        }

        var elevation = 0.0;
        if (config.TryGetProperty("elevation", out var e) && e.ValueKind != JsonValueKind.Null && !TryReadDouble(config, "elevation", out elevation))
        {
            problem = $"get_config elevation {Raw(config, "elevation")} is not a number; using 0 m";
            elevation = 0;
        }

        try
        {
            return new GeoLocation(latitude, longitude, elevation).Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            problem = $"get_config location is out of range: {ex.Message}";
            return null;
        }
    }

    private static bool TryReadDouble(JsonElement config, string name, out double value)
    {
        value = 0;
        if (!config.TryGetProperty(name, out var element))
        {
            return false;
        }

        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out value) && double.IsFinite(value),
            JsonValueKind.String => double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value),
            _ => false,
        };
    }

    private static string Raw(JsonElement config, string name)
        => config.TryGetProperty(name, out var element) ? Truncate(element.GetRawText()) : "missing";

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}
