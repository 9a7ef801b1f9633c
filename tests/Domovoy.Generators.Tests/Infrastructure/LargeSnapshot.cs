using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Domovoy.Generators.Tests.Infrastructure;

/// <summary>Synthesizes a big, varied, deterministic hass.snapshot.json (issue 11's 5,000 entities / 600 services):
/// 30 domains (sensors of every state kind, lights, switches, …, domains without an Abstractions type), 40 areas,
/// 12 labels, attributes of every observed type, and services whose fields cover every selector kind, with targets,
/// options and responses. Shared by the generator tests and the codegen benchmark.</summary>
internal static class LargeSnapshot
{
    private static readonly string[] Domains =
    [
        "automation", "binary_sensor", "button", "climate", "cover", "device_tracker", "fan", "input_boolean", "input_button",
        "input_number", "input_select", "input_text", "light", "lock", "media_player", "number", "person", "select", "sensor",
        "sun", "switch", "camera", "scene", "script", "update", "vacuum", "weather", "zone", "event", "calendar",
    ];

    private static readonly string[] Selectors =
        ["number", "boolean", "select", "entity", "color_rgb", "time", "duration", "object", "text", "area", "color_temp", "template"];

    public static string Create(int entities = 5000, int services = 600)
    {
        var random = new Random(11);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema", 1);
            json.WriteString("home_assistant_version", "2026.11.0");
            WriteRegistry(json, "areas", 40, "area");
            WriteRegistry(json, "labels", 12, "label");
            json.WriteStartArray("entities");
            foreach (var (domain, objectId) in Enumerable.Range(0, entities).Select(i => EntityId(i)).OrderBy(e => $"{e.Domain}.{e.ObjectId}", StringComparer.Ordinal))
            {
                WriteEntity(json, random, domain, objectId);
            }

            json.WriteEndArray();
            json.WriteStartArray("services");
            foreach (var (domain, service) in Enumerable.Range(0, services).Select(i => (Domains[i % Domains.Length], $"action_{i / Domains.Length:000}_{Verb(i)}")).OrderBy(s => s.Item1, StringComparer.Ordinal).ThenBy(s => s.Item2, StringComparer.Ordinal))
            {
                WriteService(json, random, domain, service);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static (string Domain, string ObjectId) EntityId(int i)
    {
        var domain = i % 3 == 0 ? "sensor" : Domains[i % Domains.Length];
        string[] rooms = ["kitchen", "hallway", "living_room", "1st_floor", "bedroom_2", "garage", "garden"];
        string[] things = ["temperature", "motion", "door", "ceiling", "lamp", "class", "event", "power", "energy"];
        return (domain, $"{rooms[i % rooms.Length]}_{things[i / 7 % things.Length]}_{i}");
    }

    private static string Verb(int i) => new[] { "turn_on", "turn_off", "set_value", "reload", "get_info" }[i % 5];

    private static void WriteRegistry(Utf8JsonWriter json, string name, int count, string prefix)
    {
        json.WriteStartArray(name);
        foreach (var id in Enumerable.Range(0, count).Select(i => $"{prefix}_{i:00}"))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("name", CultureInfo.InvariantCulture.TextInfo.ToTitleCase(id.Replace('_', ' ')));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteEntity(Utf8JsonWriter json, Random random, string domain, string objectId)
    {
        json.WriteStartObject();
        json.WriteString("entity_id", $"{domain}.{objectId}");
        json.WriteString("domain", domain);
        json.WriteString("friendly_name", objectId.Replace('_', ' '));
        var kind = domain == "sensor" ? new[] { "number", "timestamp", "enum", "text" }[random.Next(4)] : "domain";
        json.WriteString("state", kind == "number" ? "21.5" : "on");
        json.WriteString("state_kind", kind);
        if (kind == "number")
        {
            json.WriteString("unit_of_measurement", "°C");
            json.WriteString("device_class", "temperature");
            json.WriteString("state_class", "measurement");
        }

        if (kind == "enum" || domain is "select" or "input_select")
        {
            json.WriteStartArray("options");
            foreach (var option in new[] { "idle", "running", "2nd_stage", "done" })
            {
                json.WriteStringValue(option);
            }

            json.WriteEndArray();
        }

        json.WriteString("area", $"area_{random.Next(40):00}");
        if (random.Next(3) == 0)
        {
            json.WriteStartArray("labels");
            json.WriteStringValue($"label_{random.Next(12):00}");
            json.WriteEndArray();
        }

        json.WriteStartArray("attributes");
        foreach (var (name, type) in new[] { ("battery_level", "number"), ("icon", "string"), ("restored", "boolean"), ("supported_features", "number"), ("zones", "array") }.Where(_ => random.Next(2) == 0))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("type", type);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteService(Utf8JsonWriter json, Random random, string domain, string service)
    {
        json.WriteStartObject();
        json.WriteString("domain", domain);
        json.WriteString("service", service);
        json.WriteString("name", service.Replace('_', ' '));
        json.WriteString("description", $"Does {service} on {domain} things.");
        if (random.Next(4) != 0)
        {
            json.WriteStartArray("target_domains");
            json.WriteStringValue(domain);
            json.WriteEndArray();
        }

        json.WriteString("response", new[] { "none", "none", "optional", "only" }[random.Next(4)]);
        json.WriteStartArray("fields");
        foreach (var selector in Selectors.Where(_ => random.Next(3) == 0).Order(StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("name", $"{selector}_value");
            json.WriteBoolean("required", random.Next(5) == 0);
            json.WriteStartObject("selector");
            json.WriteStartObject(selector);
            if (selector == "select")
            {
                json.WriteStartArray("options");
                json.WriteStringValue("low");
                json.WriteStringValue("high");
                json.WriteEndArray();
            }
            else if (selector == "entity")
            {
                json.WriteString("domain", Domains[random.Next(Domains.Length)]);
                json.WriteBoolean("multiple", random.Next(2) == 0);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
