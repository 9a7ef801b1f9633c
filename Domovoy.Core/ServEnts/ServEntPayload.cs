using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Domovoy.Abstractions;

namespace Domovoy.Core.ServEnts;

/// <summary>
/// Builds ServEnts entity dicts exactly as Python Domovoy sends them: the data model's key order, every null removed
/// (recursively; false, {} and 0 kept), <c>device_definition</c> last.
/// </summary>
internal static class ServEntPayload
{
    public static JsonObject Entity(string entityType, string serventId, string name, JsonNode? defaultState, ServEntOptions options, string appName, JsonObject device, JsonSerializerOptions json, params (string Key, JsonNode? Value)[] typeFields)
    {
        var entity = new JsonObject
        {
            ["entity_type"] = entityType,
            ["servent_id"] = serventId,
            ["name"] = name,
        };
        Add(entity, "default_state", defaultState);
        entity["fixed_attributes"] = Dictionary(options.FixedAttributes, json);
        Add(entity, "entity_category", options.EntityCategory switch
        {
            ServEntEntityCategory.Config => "config",
            ServEntEntityCategory.Diagnostic => "diagnostic",
            _ => null,
        });
        entity["disabled_by_default"] = options.DisabledByDefault;
        entity["app_name"] = appName;
        foreach (var (key, value) in typeFields)
        {
            Add(entity, key, value);
        }

        entity["device_definition"] = device;
        return entity;
    }

    public static JsonObject Device(ServEntDevice device)
    {
        var dict = new JsonObject
        {
            ["device_id"] = device.DeviceId,
            ["name"] = device.Name,
        };
        Add(dict, "manufacturer", device.Manufacturer);
        Add(dict, "model", device.Model);
        Add(dict, "version", device.Version);
        Add(dict, "suggested_area", device.SuggestedArea);
        Add(dict, "configuration_url", device.ConfigurationUrl);
        Add(dict, "sw_version", device.SwVersion);
        Add(dict, "hw_version", device.HwVersion);
        Add(dict, "serial_number", device.SerialNumber);
        Add(dict, "app_name", device.AppName);
        dict["is_global"] = device.IsGlobal;
        return dict;
    }

    /// <summary>A state or attribute value as JSON; times become epoch seconds like Python's <c>.timestamp()</c>.</summary>
    public static JsonNode? Value(object? value, JsonSerializerOptions json) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        DateTimeOffset time => JsonValue.Create(time.ToUnixTimeMilliseconds() / 1000.0),
        DateTime time => JsonValue.Create(new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), json),
    };

    public static JsonObject Dictionary(IReadOnlyDictionary<string, object?>? values, JsonSerializerOptions json)
    {
        var result = new JsonObject();
        foreach (var (key, value) in values ?? new Dictionary<string, object?>())
        {
            var node = Value(value, json);
            if (node is not null)
            {
                result[key] = StripNulls(node);
            }
        }

        return result;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    public static JsonNode? Number(double? value) => value is { } v ? JsonValue.Create(v) : null;

    public static string ModeText(ServEntNumberMode mode) => mode.ToString().ToLower(CultureInfo.InvariantCulture);

    private static void Add(JsonObject target, string key, JsonNode? value)
    {
        if (value is not null)
        {
            target[key] = StripNulls(value);
        }
    }

    private static JsonNode StripNulls(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToArray())
                {
                    obj.Remove(key);
                }

                foreach (var (_, child) in obj)
                {
                    StripNulls(child!);
                }

                break;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (array[i] is null)
                    {
                        array.RemoveAt(i);
                    }
                    else
                    {
                        StripNulls(array[i]!);
                    }
                }

                break;
        }

        return node;
    }
}
