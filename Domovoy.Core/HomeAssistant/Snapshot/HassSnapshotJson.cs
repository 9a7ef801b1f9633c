using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Domovoy.Core.HomeAssistant.Snapshot;

/// <summary>
/// Writes and reads <c>hass.snapshot.json</c> (docs/hass-snapshot.md): UTF-8 without BOM, two-space indentation,
/// <c>\n</c> line ends and a final newline, keys in a fixed order and optional keys omitted, so a diff shows only what
/// changed in the home.
/// </summary>
internal static class HassSnapshotJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The file's text.</summary>
    public static string Write(HassSnapshot snapshot)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schema", HassSnapshot.Schema);
            writer.WriteString("home_assistant_version", snapshot.HomeAssistantVersion);
            WriteNamedItems(writer, "areas", snapshot.Areas);
            WriteNamedItems(writer, "labels", snapshot.Labels);
            writer.WriteStartArray("entities");
            foreach (var entity in snapshot.Entities)
            {
                WriteEntity(writer, entity);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("services");
            foreach (var service in snapshot.Services)
            {
                WriteService(writer, service);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>One entity as compact JSON (what <see cref="HassSnapshotComparer"/> compares).</summary>
    public static string Render(SnapshotEntity entity) => Render(w => WriteEntity(w, entity));

    /// <summary>One service as compact JSON (what <see cref="HassSnapshotComparer"/> compares).</summary>
    public static string Render(SnapshotService service) => Render(w => WriteService(w, service));

    /// <summary>Reads a snapshot file's text.</summary>
    /// <exception cref="FormatException">The text is not a snapshot of a schema this version reads; the message says what is wrong.</exception>
    public static HassSnapshot Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var schema = root.TryGetProperty("schema", out var s) && s.TryGetInt32(out var n) ? n : 0;
            if (schema != HassSnapshot.Schema)
            {
                throw new FormatException($"snapshot schema {schema} is not supported (this version reads schema {HassSnapshot.Schema}); regenerate it with 'domovoy codegen'");
            }

            return new HassSnapshot(
                Text(root, "home_assistant_version") ?? string.Empty,
                Array(root, "areas", ReadNamedItem),
                Array(root, "labels", ReadNamedItem),
                Array(root, "entities", ReadEntity),
                Array(root, "services", ReadService));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"not a valid snapshot: {ex.Message}", ex);
        }
    }

    private static string Render(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNamedItems(Utf8JsonWriter writer, string name, IReadOnlyList<SnapshotNamedItem> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStartObject();
            writer.WriteString("id", item.Id);
            writer.WriteString("name", item.Name);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteEntity(Utf8JsonWriter writer, SnapshotEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString("entity_id", entity.EntityId);
        writer.WriteString("domain", entity.Domain);
        WriteOptional(writer, "friendly_name", entity.FriendlyName);
        writer.WriteString("state", entity.State);
        writer.WriteString("state_kind", entity.StateKind);
        WriteOptional(writer, "unit_of_measurement", entity.UnitOfMeasurement);
        WriteOptional(writer, "device_class", entity.DeviceClass);
        WriteOptional(writer, "state_class", entity.StateClass);
        WriteOptional(writer, "options", entity.Options);
        WriteOptional(writer, "area", entity.Area);
        WriteOptional(writer, "device", entity.Device);
        WriteOptional(writer, "labels", entity.Labels);
        writer.WriteStartArray("attributes");
        foreach (var attribute in entity.Attributes)
        {
            writer.WriteStartObject();
            writer.WriteString("name", attribute.Name);
            writer.WriteString("type", attribute.Type);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteService(Utf8JsonWriter writer, SnapshotService service)
    {
        writer.WriteStartObject();
        writer.WriteString("domain", service.Domain);
        writer.WriteString("service", service.Service);
        WriteOptional(writer, "name", service.Name);
        WriteOptional(writer, "description", service.Description);
        WriteOptional(writer, "target_domains", service.TargetDomains);
        writer.WriteString("response", service.Response);
        writer.WriteStartArray("fields");
        foreach (var field in service.Fields)
        {
            writer.WriteStartObject();
            writer.WriteString("name", field.Name);
            WriteOptional(writer, "description", field.Description);
            writer.WriteBoolean("required", field.Required);
            WriteOptional(writer, "example", field.Example);
            if (field.Selector is { } selector)
            {
                writer.WritePropertyName("selector");
                selector.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static SnapshotNamedItem ReadNamedItem(JsonElement e) => new(Required(e, "id"), Required(e, "name"));

    private static SnapshotEntity ReadEntity(JsonElement e) => new(
        Required(e, "entity_id"),
        Required(e, "domain"),
        Text(e, "friendly_name"),
        Required(e, "state"),
        Required(e, "state_kind"),
        Text(e, "unit_of_measurement"),
        Text(e, "device_class"),
        Text(e, "state_class"),
        Strings(e, "options"),
        Text(e, "area"),
        Text(e, "device"),
        Strings(e, "labels"),
        Array(e, "attributes", a => new SnapshotAttribute(Required(a, "name"), Required(a, "type"))));

    private static SnapshotService ReadService(JsonElement e) => new(
        Required(e, "domain"),
        Required(e, "service"),
        Text(e, "name"),
        Text(e, "description"),
        Strings(e, "target_domains"),
        Required(e, "response"),
        Array(e, "fields", f => new SnapshotField(
            Required(f, "name"),
            Text(f, "description"),
            f.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True,
            Text(f, "example"),
            f.TryGetProperty("selector", out var s) ? s.Clone() : null)));

    private static List<T> Array<T>(JsonElement e, string name, Func<JsonElement, T> read)
        => e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(read).ToList() : [];

    private static List<string>? Strings(JsonElement e, string name)
        => e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(x => x.GetString()!).ToList() : null;

    private static string Required(JsonElement e, string name)
        => Text(e, name) ?? throw new FormatException($"an item has no '{name}': {Truncate(e.GetRawText())}");

    private static string? Text(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Truncate(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
