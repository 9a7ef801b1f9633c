using System.Text.Json.Nodes;
using Domovoy.Simulator.Json;

namespace Domovoy.Simulator.Services;

/// <summary>Voluptuous-style checks with humanize_error messages.</summary>
internal static class Schemas
{
    public static JsonNode Required(JsonObject data, string key) =>
        data.TryGetPropertyValue(key, out var value) && value is not null
            ? value
            : throw HaErrorException.InvalidFormat($"required key not provided @ data['{key}']. Got None");

    public static double Float(JsonObject data, string key)
    {
        var value = Required(data, key);
        return HaJson.TryGetNumber(value, out var number)
            ? number
            : throw HaErrorException.InvalidFormat($"expected float for dictionary value @ data['{key}']. Got {HaJson.PythonRepr(value)}");
    }

    public static double? OptionalFloat(JsonObject data, string key) =>
        data.TryGetPropertyValue(key, out var value) && value is not null ? Float(data, key) : null;

    public static string String(JsonObject data, string key)
    {
        var value = Required(data, key);
        return value is JsonValue scalar && !(value is JsonObject or JsonArray) ? HaJson.PythonStr(scalar) : throw HaErrorException.InvalidFormat($"expected str for dictionary value @ data['{key}']. Got {HaJson.PythonRepr(value)}");
    }

    public static bool OptionalBool(JsonObject data, string key, bool fallback)
    {
        if (!data.TryGetPropertyValue(key, out var value) || value is null)
        {
            return fallback;
        }

        return HaJson.TryGetBool(value, out var flag)
            ? flag
            : throw HaErrorException.InvalidFormat($"expected bool for dictionary value @ data['{key}']. Got {HaJson.PythonRepr(value)}");
    }
}
