using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Domovoy.Simulator.Json;

/// <summary>JSON helpers that reproduce how Home Assistant (orjson / Python) renders values.</summary>
internal static class HaJson
{
    // HA writes compact UTF-8 without escaping non-ASCII ("°C" stays "°C").
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Serialize(JsonNode? node) => node is null ? "null" : node.ToJsonString(Options);

    /// <summary>A deep copy re-parsed from text, so every value is JSON-backed and compares/reads uniformly.</summary>
    public static JsonObject Normalize(JsonObject node) => (JsonObject)JsonNode.Parse(node.ToJsonString(Options))!;

    public static JsonObject ToObject(IDictionary<string, object?>? values)
    {
        var result = new JsonObject();
        if (values is null)
        {
            return result;
        }

        foreach (var (key, value) in values)
        {
            result[key] = FromObject(value);
        }

        return result;
    }

    public static JsonNode? FromObject(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), Options),
    };

    /// <summary>Python isoformat() of a UTC instant: microsecond precision, fraction omitted when zero.</summary>
    public static string IsoFormat(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var micros = (utc.Ticks % TimeSpan.TicksPerSecond) / 10;
        var head = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return micros == 0
            ? head + "+00:00"
            : head + "." + micros.ToString("D6", CultureInfo.InvariantCulture) + "+00:00";
    }

    /// <summary>Epoch seconds as HA's last_changed_timestamp floats.</summary>
    public static double EpochSeconds(DateTimeOffset instant) =>
        (instant.ToUniversalTime().Ticks - DateTimeOffset.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond;

    /// <summary>Truncates to microseconds, the resolution Python datetimes have.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    /// <summary>Python repr() of a JSON value, as voluptuous' humanize_error prints "Got ...".</summary>
    public static string PythonRepr(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "None";
            case JsonObject obj:
                return "{" + string.Join(", ", obj.Select(p => $"{PythonString(p.Key)}: {PythonRepr(p.Value)}")) + "}";
            case JsonArray array:
                return "[" + string.Join(", ", array.Select(PythonRepr)) + "]";
            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => PythonString(value.GetValue<string>()),
                    JsonValueKind.True => "True",
                    JsonValueKind.False => "False",
                    _ => value.ToJsonString(),
                };
            default:
                return node.ToJsonString();
        }
    }

    /// <summary>Python str() of a JSON scalar (HA does str(state) when writing a state).</summary>
    public static string PythonStr(JsonNode? node) => node switch
    {
        null => "None",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => PythonRepr(node),
    };

    private static string PythonString(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public static bool TryGetString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        value = string.Empty;
        return false;
    }

    public static bool TryGetNumber(JsonNode? node, out double value)
    {
        if (node is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.Number:
                    // Values built from int/long cannot GetValue<double>(); the JSON text always parses.
                    return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
                case JsonValueKind.String when double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                    value = parsed;
                    return true;
            }
        }

        value = 0;
        return false;
    }

    public static bool TryGetBool(JsonNode? node, out bool value)
    {
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            value = v.GetValue<bool>();
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>A JSON number written the way Python writes a float (5.0 stays "5.0", not "5").</summary>
    public static JsonNode Float(double value) => JsonNode.Parse(PythonFloat(value))!;

    /// <summary>Python's float repr: always has a fractional part ("42.0", "0.5", "1e+20").</summary>
    public static string PythonFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) || text.Contains("Infinity", StringComparison.Ordinal) || text == "NaN"
            ? text.Replace("E", "e", StringComparison.Ordinal)
            : text + ".0";
    }
}
