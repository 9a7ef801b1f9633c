using System.Globalization;

namespace Domovoy.Abstractions;

/// <summary>Parsers shared by the typed entity ids.</summary>
internal static class StateParsers
{
    public static bool? OnOff(string state) => state switch
    {
        "on" => true,
        "off" => false,
        _ => null,
    };

    public static double? Number(string state)
        => double.TryParse(state, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static DateTimeOffset? Timestamp(string state)
        => DateTimeOffset.TryParse(state, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;

    public static T? Parsable<T>(string state)
        where T : struct, IParsable<T>
        => T.TryParse(state, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Maps snake_case Home Assistant values (e.g. <c>heat_cool</c>) to PascalCase enum members.</summary>
    public static TEnum? Enum<TEnum>(string state)
        where TEnum : struct, System.Enum
    {
        var pascal = string.Concat(state.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
        return System.Enum.TryParse<TEnum>(pascal, ignoreCase: true, out var value) ? value : null;
    }
}
