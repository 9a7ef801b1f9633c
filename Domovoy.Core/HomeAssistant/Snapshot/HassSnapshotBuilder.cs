using System.Globalization;
using System.Text.Json;

namespace Domovoy.Core.HomeAssistant.Snapshot;

/// <summary>
/// Turns Home Assistant's answers (<c>get_states</c>, <c>get_services</c> and the area/label/device/entity registry
/// lists, shapes in ../shared/reference/ha-websocket-protocol.md) into a <see cref="HassSnapshot"/>. Pure: no I/O.
/// </summary>
internal static class HassSnapshotBuilder
{
    // Attributes recorded as entity fields, not in the attribute list.
    private static readonly HashSet<string> PromotedAttributes = new(StringComparer.Ordinal)
    {
        "friendly_name", "unit_of_measurement", "device_class", "state_class", "options",
    };

    // Sensor device classes whose state is a number (HA's SensorDeviceClass, minus date/timestamp/enum).
    private static readonly HashSet<string> NonNumericDeviceClasses = new(StringComparer.Ordinal) { "date", "timestamp", "enum" };

    /// <summary>Builds the snapshot. Registry arguments may be null when the instance does not offer that registry.</summary>
    /// <param name="haVersion">HA's version, or null.</param>
    /// <param name="states">The <c>get_states</c> result: an array of state objects.</param>
    /// <param name="services">The <c>get_services</c> result: <c>{domain: {service: description}}</c>.</param>
    /// <param name="entityRegistry">The <c>config/entity_registry/list</c> result, or null.</param>
    /// <param name="deviceRegistry">The <c>config/device_registry/list</c> result, or null.</param>
    /// <param name="areaRegistry">The <c>config/area_registry/list</c> result, or null.</param>
    /// <param name="labelRegistry">The <c>config/label_registry/list</c> result, or null.</param>
    public static HassSnapshot Build(string? haVersion, JsonElement states, JsonElement services, JsonElement? entityRegistry, JsonElement? deviceRegistry, JsonElement? areaRegistry, JsonElement? labelRegistry)
    {
        var areas = NamedItems(areaRegistry, "area_id");
        var labels = NamedItems(labelRegistry, "label_id");
        var devices = Devices(deviceRegistry);
        var registry = RegistryEntries(entityRegistry);

        var entities = new List<SnapshotEntity>();
        foreach (var state in states.EnumerateArray())
        {
            if (Text(state, "entity_id") is not { } entityId || entityId.IndexOf('.', StringComparison.Ordinal) <= 0)
            {
                continue;
            }

            registry.TryGetValue(entityId, out var entry);
            var device = entry.DeviceId is { } deviceId && devices.TryGetValue(deviceId, out var d) ? d : default;
            entities.Add(Entity(entityId, state, entry, device));
        }

        entities.Sort((a, b) => string.CompareOrdinal(a.EntityId, b.EntityId));
        return new HassSnapshot(haVersion ?? string.Empty, areas, labels, entities, Services(services));
    }

    private static SnapshotEntity Entity(string entityId, JsonElement state, RegistryEntry entry, DeviceEntry device)
    {
        var domain = entityId[..entityId.IndexOf('.', StringComparison.Ordinal)];
        var attributes = state.TryGetProperty("attributes", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        string? Attribute(string name) => attributes.ValueKind == JsonValueKind.Object && attributes.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        var stateText = Text(state, "state") ?? string.Empty;
        var unit = Attribute("unit_of_measurement");
        var deviceClass = Attribute("device_class");
        var stateClass = Attribute("state_class");
        var options = attributes.ValueKind == JsonValueKind.Object && attributes.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Array
            ? o.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
            : null;

        var observed = new List<SnapshotAttribute>();
        if (attributes.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in attributes.EnumerateObject())
            {
                if (!PromotedAttributes.Contains(property.Name))
                {
                    observed.Add(new SnapshotAttribute(property.Name, JsonType(property.Value)));
                }
            }
        }

        observed.Sort((x, y) => string.CompareOrdinal(x.Name, y.Name));
        var entityLabels = entry.Labels is { Count: > 0 } l ? l.Order(StringComparer.Ordinal).ToArray() : null;
        return new SnapshotEntity(
            entityId,
            domain,
            Attribute("friendly_name"),
            stateText,
            StateKind(domain, stateText, unit, deviceClass, stateClass, options),
            unit,
            deviceClass,
            stateClass,
            options,
            entry.AreaId ?? device.AreaId,
            device.Name,
            entityLabels,
            observed);
    }

    /// <summary>The <c>state_kind</c> of docs/hass-snapshot.md.</summary>
    internal static string StateKind(string domain, string state, string? unit, string? deviceClass, string? stateClass, IReadOnlyList<string>? options)
    {
        if (domain != "sensor")
        {
            return "domain";
        }

        if (deviceClass == "timestamp")
        {
            return "timestamp";
        }

        if (deviceClass == "enum" && options is { Count: > 0 })
        {
            return "enum";
        }

        var numericMetadata = stateClass is not null || unit is not null || (deviceClass is not null && !NonNumericDeviceClasses.Contains(deviceClass));
        var numericState = state is "unknown" or "unavailable" || double.TryParse(state, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        return numericMetadata && numericState ? "number" : "text";
    }

    private static List<SnapshotService> Services(JsonElement services)
    {
        var result = new List<SnapshotService>();
        if (services.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var domain in services.EnumerateObject())
        {
            if (domain.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var service in domain.Value.EnumerateObject())
            {
                var description = service.Value;
                var fields = new List<SnapshotField>();
                if (description.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Object)
                {
                    CollectFields(f, fields);
                }

                fields.Sort((x, y) => string.CompareOrdinal(x.Name, y.Name));
                result.Add(new SnapshotService(domain.Name, service.Name, Text(description, "name"), Text(description, "description"), TargetDomains(description), Response(description), fields));
            }
        }

        result.Sort((a, b) => a.Domain != b.Domain ? string.CompareOrdinal(a.Domain, b.Domain) : string.CompareOrdinal(a.Service, b.Service));
        return result;
    }

    // HA groups rarely used fields in sections ({"advanced_fields": {"collapsed": true, "fields": {...}}}): flatten them.
    private static void CollectFields(JsonElement fields, List<SnapshotField> into)
    {
        foreach (var field in fields.EnumerateObject())
        {
            var value = field.Value;
            if (value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (value.TryGetProperty("fields", out var nested) && nested.ValueKind == JsonValueKind.Object && !value.TryGetProperty("selector", out _))
            {
                CollectFields(nested, into);
                continue;
            }

            var required = value.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
            var example = value.TryGetProperty("example", out var e) && e.ValueKind != JsonValueKind.Null ? e.GetRawText() : null;
            JsonElement? selector = value.TryGetProperty("selector", out var s) && s.ValueKind == JsonValueKind.Object ? s.Clone() : null;
            into.Add(new SnapshotField(field.Name, Text(value, "description"), required, example, selector));
        }
    }

    private static List<string>? TargetDomains(JsonElement description)
    {
        if (!description.TryGetProperty("target", out var target) || target.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var domains = new SortedSet<string>(StringComparer.Ordinal);
        if (target.TryGetProperty("entity", out var entity))
        {
            // HA has sent both {"entity": {"domain": "light"}} and {"entity": [{"domain": ["light"]}]}.
            foreach (var filter in entity.ValueKind == JsonValueKind.Array ? entity.EnumerateArray().ToArray() : [entity])
            {
                if (filter.ValueKind == JsonValueKind.Object && filter.TryGetProperty("domain", out var domain))
                {
                    if (domain.ValueKind == JsonValueKind.String)
                    {
                        domains.Add(domain.GetString()!);
                    }
                    else if (domain.ValueKind == JsonValueKind.Array)
                    {
                        domains.UnionWith(domain.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
                    }
                }
            }
        }

        return [.. domains];
    }

    private static string Response(JsonElement description)
        => !description.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object ? "none"
            : response.TryGetProperty("optional", out var optional) && optional.ValueKind == JsonValueKind.False ? "only" : "optional";

    private static List<SnapshotNamedItem> NamedItems(JsonElement? list, string idKey)
    {
        var items = new List<SnapshotNamedItem>();
        if (list is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (Text(item, idKey) is { } id)
                {
                    items.Add(new SnapshotNamedItem(id, Text(item, "name") ?? id));
                }
            }
        }

        items.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return items;
    }

    private static Dictionary<string, DeviceEntry> Devices(JsonElement? list)
    {
        var devices = new Dictionary<string, DeviceEntry>(StringComparer.Ordinal);
        if (list is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (Text(item, "id") is { } id)
                {
                    devices[id] = new DeviceEntry(Text(item, "name_by_user") ?? Text(item, "name"), Text(item, "area_id"));
                }
            }
        }

        return devices;
    }

    private static Dictionary<string, RegistryEntry> RegistryEntries(JsonElement? list)
    {
        var entries = new Dictionary<string, RegistryEntry>(StringComparer.Ordinal);
        if (list is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (Text(item, "entity_id") is { } id)
                {
                    var labels = item.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Array
                        ? l.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                        : null;
                    entries[id] = new RegistryEntry(Text(item, "device_id"), Text(item, "area_id"), labels);
                }
            }
        }

        return entries;
    }

    private static string JsonType(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };

    private static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private readonly record struct RegistryEntry(string? DeviceId, string? AreaId, List<string>? Labels);

    private readonly record struct DeviceEntry(string? Name, string? AreaId);
}
