using System.Text.Json.Nodes;

namespace Domovoy.Simulator.Registry;

/// <summary>The entity, device, area, floor and label registries, kept as HA's list JSON shapes.</summary>
internal sealed class RegistryStore
{
    public List<JsonObject> Entities { get; } = [];

    public List<JsonObject> Devices { get; } = [];

    public List<JsonObject> Areas { get; } = [];

    public List<JsonObject> Floors { get; } = [];

    public List<JsonObject> Labels { get; } = [];

    /// <summary>Entity ids a target's device_id/area_id/floor_id/label_id reference (helpers/service.py, simplified).</summary>
    public IEnumerable<string> ResolveTarget(ISet<string> deviceIds, ISet<string> areaIds, ISet<string> floorIds, ISet<string> labelIds)
    {
        var areas = new HashSet<string>(areaIds, StringComparer.Ordinal);
        foreach (var area in Areas)
        {
            if (Str(area, "floor_id") is { } floor && floorIds.Contains(floor))
            {
                areas.Add(Str(area, "area_id")!);
            }

            if (HasLabel(area, labelIds))
            {
                areas.Add(Str(area, "area_id")!);
            }
        }

        var devices = new HashSet<string>(deviceIds, StringComparer.Ordinal);
        foreach (var device in Devices)
        {
            if ((Str(device, "area_id") is { } area && areas.Contains(area)) || HasLabel(device, labelIds))
            {
                devices.Add(Str(device, "id")!);
            }
        }

        foreach (var entity in Entities)
        {
            var entityArea = Str(entity, "area_id");
            var deviceId = Str(entity, "device_id");
            var deviceMatch = deviceId is not null && devices.Contains(deviceId);
            var areaMatch = entityArea is not null && areas.Contains(entityArea);
            if (deviceMatch || areaMatch || HasLabel(entity, labelIds))
            {
                yield return Str(entity, "entity_id")!;
            }
        }
    }

    private static bool HasLabel(JsonObject item, ISet<string> labelIds) =>
        labelIds.Count > 0 && item["labels"] is JsonArray labels && labels.Any(l => l is not null && labelIds.Contains(l.GetValue<string>()));

    private static string? Str(JsonObject item, string key) => item[key] is JsonValue v ? v.GetValue<string>() : null;
}
