using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Domovoy.Abstractions;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// Reads Home Assistant's JSON into the client's model by hand (no reflection metadata is cached for these types) and
/// creates the serializer options used for app-supplied data.
/// </summary>
internal static class HassJson
{
    /// <summary>Parses one frame: an object, or an array of objects when the server coalesces messages.</summary>
    /// <exception cref="JsonException">The frame is not valid JSON or not a message.</exception>
    public static IReadOnlyList<HassMessage> ParseFrame(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        var root = JsonElement.ParseValue(ref reader);
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                return [ParseMessage(root)];
            case JsonValueKind.Array:
                var list = new List<HassMessage>(root.GetArrayLength());
                foreach (var item in root.EnumerateArray())
                {
                    list.Add(ParseMessage(item));
                }

                return list;
            default:
                throw new JsonException($"Expected a JSON object or array frame, got {root.ValueKind}.");
        }
    }

    public static HassMessage ParseMessage(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Expected a message object, got {message.ValueKind}.");
        }

        var type = GetString(message, "type") ?? throw new JsonException("Message without 'type'.");
        int? id = message.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt32(out var i) ? i : null;
        bool? success = message.TryGetProperty("success", out var s) && s.ValueKind is JsonValueKind.True or JsonValueKind.False ? s.GetBoolean() : null;
        JsonElement? result = message.TryGetProperty("result", out var r) ? r : null;
        HassError? error = message.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? ParseError(e) : null;
        JsonElement? ev = message.TryGetProperty("event", out var evElement) ? evElement : null;
        return new HassMessage(type, id, success, result, error, ev, GetString(message, "ha_version"), GetString(message, "message"));
    }

    public static HassError ParseError(JsonElement error)
    {
        IReadOnlyDictionary<string, JsonElement>? placeholders = null;
        if (error.TryGetProperty("translation_placeholders", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            placeholders = p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value, StringComparer.Ordinal);
        }

        return new HassError(
            GetString(error, "code") ?? "unknown_error",
            GetString(error, "message") ?? string.Empty,
            GetString(error, "translation_key"),
            GetString(error, "translation_domain"),
            placeholders);
    }

    /// <summary>Parses a full state object (<c>get_states</c> item, <c>old_state</c>/<c>new_state</c>).</summary>
    public static EntityState ParseState(JsonElement state)
    {
        if (state.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Expected a state object, got {state.ValueKind}.");
        }

        var entityId = GetString(state, "entity_id") ?? throw new JsonException("State without 'entity_id'.");
        // Cloned per entity: a cached state must not keep a whole (possibly multi-MB, coalesced) frame alive.
        var attributes = state.TryGetProperty("attributes", out var a) && a.ValueKind == JsonValueKind.Object
            ? a.Clone().EnumerateObject().ToDictionary(x => x.Name, x => x.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var lastChanged = GetTime(state, "last_changed") ?? DateTimeOffset.MinValue;
        var lastUpdated = GetTime(state, "last_updated") ?? lastChanged;
        return new EntityState(
            entityId,
            GetString(state, "state") ?? string.Empty,
            attributes,
            lastChanged,
            lastUpdated,
            GetTime(state, "last_reported"),
            state.TryGetProperty("context", out var c) ? ParseContext(c) : null);
    }

    /// <summary>Parses an event envelope (<c>event_type</c>, <c>data</c>, <c>origin</c>, <c>time_fired</c>, <c>context</c>).</summary>
    public static HassEvent ParseEvent(JsonElement ev)
    {
        if (ev.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Expected an event object, got {ev.ValueKind}.");
        }

        return new HassEvent(
            GetString(ev, "event_type") ?? throw new JsonException("Event without 'event_type'."),
            ev.TryGetProperty("data", out var d) ? d : default,
            GetString(ev, "origin") ?? "LOCAL",
            GetTime(ev, "time_fired") ?? DateTimeOffset.MinValue,
            ev.TryGetProperty("context", out var c) ? ParseContext(c) : null);
    }

    /// <summary>Parses a context: an object, or (compressed form) a bare id string.</summary>
    public static HassContext? ParseContext(JsonElement context) => context.ValueKind switch
    {
        JsonValueKind.Object when GetString(context, "id") is { } id => new HassContext(id, GetString(context, "parent_id"), GetString(context, "user_id")),
        JsonValueKind.String => new HassContext(context.GetString()!, null, null),
        _ => null,
    };

    /// <summary>Lenient ISO-8601 parsing (Python isoformat, with or without fraction).</summary>
    public static DateTimeOffset? ParseTime(string? text)
        => text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>
    /// Serializer options for app-supplied data (anonymous types, records, dictionaries): null properties omitted,
    /// property names in snake_case (<c>BrightnessPct</c> and <c>brightness_pct</c> both give <c>brightness_pct</c>),
    /// dictionaries written as given (keys unchanged, null values kept). Create one per owner so per-type metadata of
    /// plugin assemblies dies with that owner instead of being cached process-wide.
    /// </summary>
    public static JsonSerializerOptions CreateSerializerOptions() => new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };

    /// <summary>Writes a state the way Home Assistant does (used for synthesized events).</summary>
    public static void WriteState(Utf8JsonWriter writer, EntityState state)
    {
        writer.WriteStartObject();
        writer.WriteString("entity_id", state.EntityId);
        writer.WriteString("state", state.State);
        writer.WriteStartObject("attributes");
        foreach (var (key, value) in state.Attributes)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
        writer.WriteString("last_changed", state.LastChanged.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("last_updated", state.LastUpdated.ToString("O", CultureInfo.InvariantCulture));
        if (state.LastReported is { } reported)
        {
            writer.WriteString("last_reported", reported.ToString("O", CultureInfo.InvariantCulture));
        }

        if (state.Context is { } context)
        {
            writer.WriteStartObject("context");
            writer.WriteString("id", context.Id);
            writer.WriteString("parent_id", context.ParentId);
            writer.WriteString("user_id", context.UserId);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static string? GetString(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? GetTime(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        // The UTF-8 ISO-8601 reader handles Home Assistant's isoformat() directly and is several times faster than
        // culture-aware text parsing on this hot path; anything it rejects falls back to the lenient parser.
        return value.TryGetDateTimeOffset(out var time) ? time : ParseTime(value.GetString());
    }
}
