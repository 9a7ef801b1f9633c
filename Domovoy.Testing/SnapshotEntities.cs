using System.Text.Json;

namespace Domovoy.Testing;

/// <summary>
/// Reads the entities of a <c>hass.snapshot.json</c> (what <c>domovoy codegen</c> writes; docs/hass-snapshot.md): each
/// entity with its sampled state and the attributes the snapshot keeps values of (friendly_name, unit_of_measurement,
/// device_class, state_class, options).
/// </summary>
internal static class SnapshotEntities
{
    private static readonly string[] ValueAttributes = ["friendly_name", "unit_of_measurement", "device_class", "state_class", "options"];

    public static IEnumerable<(string EntityId, string State, Dictionary<string, object?> Attributes)> Read(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("entities", out var entities) || entities.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: not a hass.snapshot.json (expected an object with an \"entities\" array; see docs/hass-snapshot.md).");
        }

        foreach (var entity in entities.EnumerateArray())
        {
            if (!entity.TryGetProperty("entity_id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"{path}: every entity needs an entity_id.");
            }

            var state = entity.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "unknown";
            var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var name in ValueAttributes)
            {
                if (entity.TryGetProperty(name, out var value))
                {
                    attributes[name] = value.Clone();
                }
            }

            yield return (id.GetString()!, state, attributes);
        }
    }
}
