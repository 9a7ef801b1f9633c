using System.Collections.ObjectModel;
using System.Globalization;
using System.Runtime.InteropServices;
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
    private static readonly IReadOnlyDictionary<string, JsonElement> NoAttributes = ReadOnlyDictionary<string, JsonElement>.Empty;

    /// <summary>
    /// Parses one frame (an object, or an array of objects when the server coalesces messages) into messages that own
    /// their data. For callers that keep the messages (connection setup, tests); the read loop decodes in place instead
    /// (<see cref="HassFrameReader.ReadDocumentAsync"/>, <see cref="ParseMessage"/>).
    /// </summary>
    /// <exception cref="JsonException">The frame is not valid JSON or not a message.</exception>
    public static IReadOnlyList<HassMessage> ParseFrame(ReadOnlyMemory<byte> utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        var messages = new List<HassMessage>();
        ForEachMessage(document.RootElement, message => messages.Add(ParseMessage(message).Detach()));
        return messages;
    }

    /// <summary>Calls <paramref name="onMessage"/> for the frame's message, or for each message of a coalesced array.</summary>
    /// <exception cref="JsonException">The frame is neither an object nor an array.</exception>
    public static void ForEachMessage(JsonElement root, Action<JsonElement> onMessage)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                onMessage(root);
                break;
            case JsonValueKind.Array:
                foreach (var item in root.EnumerateArray())
                {
                    onMessage(item);
                }

                break;
            default:
                throw new JsonException($"Expected a JSON object or array frame, got {root.ValueKind}.");
        }
    }

    /// <summary>
    /// Decodes a message envelope in one pass over its members. <see cref="HassMessage.CommandResult"/> and
    /// <see cref="HassMessage.Event"/> point into <paramref name="message"/>'s document (see <see cref="HassMessage.Detach"/>).
    /// </summary>
    /// <exception cref="JsonException">Not an object, or no <c>type</c>.</exception>
    public static HassMessage ParseMessage(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Expected a message object, got {message.ValueKind}.");
        }

        string? type = null, haVersion = null, text = null;
        int? id = null;
        bool? success = null;
        JsonElement? result = null, ev = null;
        HassError? error = null;
        foreach (var property in message.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("type"u8))
            {
                type = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
            else if (property.NameEquals("id"u8))
            {
                id = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null;
            }
            else if (property.NameEquals("event"u8))
            {
                ev = value;
            }
            else if (property.NameEquals("success"u8))
            {
                success = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
            }
            else if (property.NameEquals("result"u8))
            {
                result = value;
            }
            else if (property.NameEquals("error"u8))
            {
                error = value.ValueKind == JsonValueKind.Object ? ParseError(value) : null;
            }
            else if (property.NameEquals("ha_version"u8))
            {
                haVersion = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
            else if (property.NameEquals("message"u8))
            {
                text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
        }

        return new HassMessage(type ?? throw new JsonException("Message without 'type'."), id, success, result, error, ev, haVersion, text);
    }

    /// <summary>Parses an error object; placeholder values are copied, so the error outlives the frame.</summary>
    public static HassError ParseError(JsonElement error)
    {
        IReadOnlyDictionary<string, JsonElement>? placeholders = null;
        if (error.TryGetProperty("translation_placeholders", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            placeholders = p.Clone().EnumerateObject().ToDictionary(x => x.Name, x => x.Value, StringComparer.Ordinal);
        }

        return new HassError(
            GetString(error, "code") ?? "unknown_error",
            GetString(error, "message") ?? string.Empty,
            GetString(error, "translation_key"),
            GetString(error, "translation_domain"),
            placeholders);
    }

    /// <summary>
    /// Parses a full state object (<c>get_states</c> item, <c>old_state</c>/<c>new_state</c>) in one pass. The result
    /// owns its data: the attributes are copied as UTF-8 bytes (decoded on first read, <see cref="HassLazyAttributes"/>),
    /// so <paramref name="state"/>'s document may be disposed afterwards. <c>last_updated</c> and <c>last_reported</c>
    /// equal to <c>last_changed</c> (the usual case) are not parsed again.
    /// </summary>
    /// <exception cref="JsonException">Not an object, or no <c>entity_id</c>.</exception>
    public static EntityState ParseState(JsonElement state)
    {
        if (state.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Expected a state object, got {state.ValueKind}.");
        }

        string? entityId = null, text = null;
        IReadOnlyDictionary<string, JsonElement> attributes = NoAttributes;
        JsonElement changed = default, updated = default, reported = default;
        HassContext? context = null;
        foreach (var property in state.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("entity_id"u8))
            {
                entityId = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
            else if (property.NameEquals("state"u8))
            {
                text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
            else if (property.NameEquals("attributes"u8))
            {
                attributes = ReadAttributes(value);
            }
            else if (property.NameEquals("last_changed"u8))
            {
                changed = value;
            }
            else if (property.NameEquals("last_updated"u8))
            {
                updated = value;
            }
            else if (property.NameEquals("last_reported"u8))
            {
                reported = value;
            }
            else if (property.NameEquals("context"u8))
            {
                context = ParseContext(value);
            }
        }

        var lastChanged = ReadTime(changed) ?? DateTimeOffset.MinValue;
        var lastUpdated = SameText(updated, changed) ? lastChanged : ReadTime(updated) ?? lastChanged;
        var lastReported = SameText(reported, updated) ? lastUpdated : ReadTime(reported);
        return new EntityState(
            entityId ?? throw new JsonException("State without 'entity_id'."),
            text ?? string.Empty,
            attributes,
            lastChanged,
            lastUpdated,
            lastReported,
            context);
    }

    /// <summary>
    /// Parses an event envelope (<c>event_type</c>, <c>data</c>, <c>origin</c>, <c>time_fired</c>, <c>context</c>) in
    /// one pass; <see cref="HassEvent.Data"/> points into <paramref name="ev"/>'s document.
    /// </summary>
    /// <exception cref="JsonException">Not an object, or no <c>event_type</c>.</exception>
    public static HassEvent ParseEvent(JsonElement ev)
    {
        if (ev.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Expected an event object, got {ev.ValueKind}.");
        }

        string? eventType = null, origin = null;
        JsonElement data = default, fired = default;
        HassContext? context = null;
        foreach (var property in ev.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("event_type"u8))
            {
                eventType = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
            else if (property.NameEquals("data"u8))
            {
                data = value;
            }
            else if (property.NameEquals("origin"u8))
            {
                origin = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
            else if (property.NameEquals("time_fired"u8))
            {
                fired = value;
            }
            else if (property.NameEquals("context"u8))
            {
                context = ParseContext(value);
            }
        }

        return new HassEvent(
            eventType ?? throw new JsonException("Event without 'event_type'."),
            data,
            origin ?? "LOCAL",
            ReadTime(fired) ?? DateTimeOffset.MinValue,
            context);
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
        if (state.Attributes is HassLazyAttributes { IsMaterialized: false } lazy)
        {
            // Nobody read them: copy the bytes as received instead of decoding them to write them again.
            writer.WritePropertyName("attributes");
            writer.WriteRawValue(lazy.Utf8, skipInputValidation: true);
        }
        else
        {
            writer.WriteStartObject("attributes");
            foreach (var (key, value) in state.Attributes)
            {
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

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

    private static IReadOnlyDictionary<string, JsonElement> ReadAttributes(JsonElement attributes)
    {
        if (attributes.ValueKind != JsonValueKind.Object)
        {
            return NoAttributes;
        }

        // The raw bytes of the object, straight from the frame buffer; copied because the buffer is reused.
        var utf8 = JsonMarshal.GetRawUtf8Value(attributes);
        return utf8.SequenceEqual("{}"u8) ? NoAttributes : new HassLazyAttributes(utf8.ToArray());
    }

    private static bool SameText(JsonElement a, JsonElement b)
        => a.ValueKind == JsonValueKind.String && b.ValueKind == JsonValueKind.String
            && JsonMarshal.GetRawUtf8Value(a).SequenceEqual(JsonMarshal.GetRawUtf8Value(b));

    private static DateTimeOffset? ReadTime(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        // The UTF-8 ISO-8601 reader handles Home Assistant's isoformat() directly and is several times faster than
        // culture-aware text parsing on this hot path; anything it rejects falls back to the lenient parser.
        return value.TryGetDateTimeOffset(out var time) ? time : ParseTime(value.GetString());
    }
}
