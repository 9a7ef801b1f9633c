using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Domovoy.Simulator.Events;
using Domovoy.Simulator.Json;
using Domovoy.Simulator.States;

namespace Domovoy.Simulator.Servents;

/// <summary>
/// The servents integration's registrar (custom_components/servents): live entities keyed by servent_id, registry entries
/// with unique_id <c>sensor-{servent_id}</c>, reconfigure on re-create (state kept), restore across a simulated restart.
/// Not thread-safe: callers hold <see cref="SimulatorCore.Gate"/>.
/// </summary>
internal sealed class ServentRegistrar(SimulatorCore core)
{
    private static readonly string[] KnownTypes = ["sensor", "binary_sensor", "threshold", "switch", "number", "select", "button"];
    private readonly Dictionary<string, ServentEntity> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string State, JsonObject Dynamic)> _restore = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];

    /// <summary>Warnings the integration would log (type conflicts, updates of unknown ids).</summary>
    public IReadOnlyList<string> Warnings => _warnings.ToArray();

    /// <summary>servent/hass-state: true on homeassistant_started, false from homeassistant_stop.</summary>
    public bool IsHassUp => core.CoreState == "RUNNING";

    /// <summary>Test hook: while set, new entities are registered but never added to the state machine.</summary>
    public bool HoldAdds { get; set; }

    public ServentEntity? FindByEntityId(string entityId) => _live.Values.FirstOrDefault(e => e.EntityId == entityId);

    public ServentEntity? Find(string serventId) => _live.GetValueOrDefault(serventId);

    /// <summary>servents.create_entity: validates every dict first, then registers or reconfigures each.</summary>
    public void Create(JsonObject data, HaContext context)
    {
        if (data["entities"] is not JsonArray list || list.Count == 0)
        {
            throw Invalid("entities must be a non-empty list of entity definitions");
        }

        var parsed = list.Select(Validate).ToList();
        foreach (var definition in parsed)
        {
            Register(definition, context);
        }
    }

    /// <summary>servents.update_state (S semantics): unknown ids only warn; a "state" key writes state and replaces dynamic attributes.</summary>
    public void Update(JsonObject data, HaContext context)
    {
        var serventId = data["servent_id"] is JsonValue v && HaJson.TryGetString(v, out var id) ? id : throw Invalid("required key not provided @ data['servent_id']");
        if (!_live.TryGetValue(serventId, out var entity))
        {
            _warnings.Add($"update_state for unknown servent_id {serventId}");
            return;
        }

        var merge = HaJson.TryGetBool(data["merge_attributes"], out var m) && m;
        var attributes = data["attributes"] as JsonObject;
        if (data.ContainsKey("state") || attributes is not null)
        {
            var dynamic = merge ? (JsonObject)entity.Dynamic.DeepClone() : [];
            foreach (var (key, value) in attributes ?? [])
            {
                dynamic[key] = value?.DeepClone();
            }

            entity.Dynamic = dynamic;
        }

        var state = CurrentState(entity);
        if (data.ContainsKey("state") && entity.EntityType is not ("button" or "threshold"))
        {
            state = ToStateText(entity, data["state"]);
        }

        if (HaJson.TryGetBool(data["available"], out var available) && !available)
        {
            state = "unavailable";
        }

        Write(entity, state, context);
    }

    /// <summary>A simulated restart: live entities are dropped, their states remembered for restore, placeholders left behind.</summary>
    public void OnRestart()
    {
        foreach (var entity in _live.Values)
        {
            entity.SourceListener?.Dispose();
            _restore[entity.ServentId] = (CurrentState(entity), (JsonObject)entity.Dynamic.DeepClone());
            if (entity.Added)
            {
                var placeholder = new JsonObject { ["restored"] = true, ["friendly_name"] = FriendlyName(entity) };
                core.States.Set(entity.EntityId, "unavailable", placeholder);
            }
        }

        _live.Clear();
    }

    /// <summary>After a state write by a UI service (switch/number/select), nothing else to do: the state machine holds the state.</summary>
    public void Press(ServentEntity button, HaContext context)
    {
        var eventName = HaJson.PythonStr(button.Definition["event"]);
        var eventData = button.Definition["event_data"] as JsonObject is { } d ? (JsonObject)d.DeepClone() : [];
        core.Fire("servent." + eventName, eventData, context);
    }

    private static HaErrorException Invalid(string message) =>
        new("service_validation_error", $"Validation error: {message}", null, null, null);

    private static JsonObject Validate(JsonNode? node)
    {
        if (node is not JsonObject entity)
        {
            throw Invalid("an entity definition must be a dict");
        }

        var type = entity["entity_type"] is JsonValue t && HaJson.TryGetString(t, out var s) ? s : throw Invalid("entity_type is required");
        if (!KnownTypes.Contains(type))
        {
            throw Invalid($"unknown entity_type {type}");
        }

        foreach (var key in new[] { "servent_id", "name" })
        {
            if (entity[key] is not JsonValue value || !HaJson.TryGetString(value, out _))
            {
                throw Invalid($"{key} is required");
            }
        }

        var required = type switch
        {
            "number" => ["mode"],
            "select" => ["options"],
            "button" => ["event"],
            "threshold" => ["entity_id"],
            _ => Array.Empty<string>(),
        };
        foreach (var key in required.Where(k => entity[k] is null))
        {
            throw Invalid($"{key} is required for {type}");
        }

        if (type == "threshold" && entity["lower"] is null && entity["upper"] is null)
        {
            throw Invalid("a threshold needs lower or upper");
        }

        if (type == "sensor" && entity["options"] is JsonArray && entity["device_class"] is JsonValue dc && HaJson.PythonStr(dc) != "enum")
        {
            throw new HaErrorException("home_assistant_error", "a sensor with options must have device_class enum", null, null, null);
        }

        var clone = (JsonObject)entity.DeepClone();
        if (clone["device_definition"] is null && clone["device_config"] is JsonObject legacy)
        {
            clone["device_definition"] = legacy.DeepClone();
        }

        return clone;
    }

    private static string TypeClass(string type) => type;

    private static string Domain(string type) => type == "threshold" ? "binary_sensor" : type;

    private void Register(JsonObject definition, HaContext context)
    {
        var serventId = HaJson.PythonStr(definition["servent_id"]);
        var type = HaJson.PythonStr(definition["entity_type"]);
        if (_live.TryGetValue(serventId, out var existing))
        {
            if (TypeClass(existing.EntityType) != TypeClass(type))
            {
                _warnings.Add($"Ignoring type conflict for servent_id {serventId}: existing {existing.EntityType}, new {type}");
                return;
            }

            existing.Definition = definition;
            existing.DeviceName = DeviceName(definition);
            WatchSource(existing);
            if (existing.Added)
            {
                Write(existing, CurrentState(existing), context);
            }

            return;
        }

        var device = definition["device_definition"] as JsonObject;
        var deviceRegistryId = EnsureDevice(device);
        var entityId = EnsureEntityRegistryEntry(definition, type, serventId, deviceRegistryId);
        var entity = new ServentEntity(serventId, type, entityId, definition)
        {
            DeviceName = DeviceName(definition),
            Disabled = core.Registry.Entities.Any(e => HaJson.PythonStr(e["entity_id"]) == entityId && e["disabled_by"] is not null),
        };
        entity.PendingState = InitialState(entity);
        if (_restore.Remove(serventId, out var restored) && type is not ("button" or "threshold"))
        {
            entity.Dynamic = restored.Dynamic;
        }

        _live[serventId] = entity;
        WatchSource(entity);
        if (entity.Disabled || HoldAdds)
        {
            return;
        }

        ScheduleAdd(entity, context);
    }

    /// <summary>The user enabled a disabled entity in the registry: it is added (core does so when the entry reloads).</summary>
    public void OnEnabled(string entityId)
    {
        if (FindByEntityId(entityId) is { Disabled: true } entity)
        {
            entity.Disabled = false;
            ScheduleAdd(entity, core.NewContext());
        }
    }

    private void ScheduleAdd(ServentEntity entity, HaContext context)
    {
        var serventId = entity.ServentId;

        // async_add_entities does not block: the service returns before the entity is in the state machine.
        _ = Task.Run(() =>
        {
            lock (core.Gate)
            {
                if (_live.TryGetValue(serventId, out var current) && ReferenceEquals(current, entity) && !entity.Added)
                {
                    entity.Added = true;
                    Write(entity, entity.PendingState, context);
                }
            }

            core.Pulse();
        });
    }

    private string InitialState(ServentEntity entity)
    {
        var state = entity.Definition["default_state"] is { } d ? ToStateText(entity, d) : "unknown";
        if (entity.EntityType == "threshold")
        {
            return ThresholdState(entity).State;
        }

        if (!_restore.TryGetValue(entity.ServentId, out var restored) || entity.EntityType == "button")
        {
            return state;
        }

        return entity.EntityType switch
        {
            "switch" => restored.State == "on" ? "on" : "off",
            "binary_sensor" => restored.State is "on" or "off" ? restored.State : state,
            _ => restored.State is "unavailable" ? state : restored.State,
        };
    }

    private string CurrentState(ServentEntity entity) =>
        entity.Added && core.States.Get(entity.EntityId) is { } s ? s.State : entity.PendingState;

    private void Write(ServentEntity entity, string state, HaContext? context)
    {
        if (entity.EntityType == "threshold")
        {
            state = ThresholdState(entity).State;
        }

        if (!entity.Added)
        {
            entity.PendingState = state;
            return;
        }

        core.States.Set(entity.EntityId, state, Attributes(entity), context);
    }

    private JsonObject Attributes(ServentEntity entity)
    {
        var definition = entity.Definition;
        var attributes = new JsonObject();
        switch (entity.EntityType)
        {
            case "number":
                attributes["min"] = definition["min_value"]?.DeepClone() ?? HaJson.Float(0);
                attributes["max"] = definition["max_value"]?.DeepClone() ?? HaJson.Float(100);
                attributes["step"] = definition["step"]?.DeepClone() ?? 1;
                attributes["mode"] = definition["mode"]?.DeepClone();
                break;
            case "select":
                attributes["options"] = definition["options"]?.DeepClone();
                break;
            case "sensor":
                if (definition["state_class"] is { } stateClass)
                {
                    attributes["state_class"] = stateClass.DeepClone();
                }

                if (definition["options"] is JsonArray options)
                {
                    attributes["options"] = options.DeepClone();
                }

                break;
            case "threshold":
                foreach (var (key, value) in ThresholdState(entity).Attributes)
                {
                    attributes[key] = value?.DeepClone();
                }

                break;
        }

        foreach (var (key, value) in entity.Dynamic)
        {
            attributes[key] = value?.DeepClone();
        }

        if (definition["fixed_attributes"] is JsonObject fixedAttributes)
        {
            foreach (var (key, value) in fixedAttributes)
            {
                attributes[key] = value?.DeepClone();
            }
        }

        attributes["servent_id"] = entity.ServentId;
        if (definition["unit_of_measurement"] is { } unit)
        {
            attributes["unit_of_measurement"] = unit.DeepClone();
        }

        var deviceClass = entity.EntityType == "sensor" && definition["options"] is JsonArray ? "enum" : definition["device_class"]?.DeepClone();
        if (deviceClass is not null)
        {
            attributes["device_class"] = deviceClass;
        }

        attributes["friendly_name"] = FriendlyName(entity);
        return attributes;
    }

    private static string FriendlyName(ServentEntity entity) => $"{entity.DeviceName} {HaJson.PythonStr(entity.Definition["name"])}".Trim();

    private static string DeviceName(JsonObject definition) =>
        definition["device_definition"] is JsonObject device && device["name"] is { } name ? HaJson.PythonStr(name) : string.Empty;

    private string ToStateText(ServentEntity entity, JsonNode? value)
    {
        if (value is null)
        {
            return "unknown";
        }

        switch (entity.EntityType)
        {
            case "binary_sensor" or "switch":
                if (HaJson.TryGetBool(value, out var on))
                {
                    return on ? "on" : "off";
                }

                return HaJson.PythonStr(value) is "" or "0" or "0.0" ? "off" : "on";
            case "sensor" when entity.Definition["device_class"] is JsonValue dc && HaJson.PythonStr(dc) is "timestamp" or "date" && HaJson.TryGetNumber(value, out var epoch):
                var instant = DateTimeOffset.UnixEpoch.AddTicks((long)(epoch * TimeSpan.TicksPerSecond));
                return HaJson.PythonStr(dc) == "date" ? instant.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : HaJson.IsoFormat(instant);
            default:
                return HaJson.PythonStr(value);
        }
    }

    private void WatchSource(ServentEntity entity)
    {
        entity.SourceListener?.Dispose();
        entity.SourceListener = null;
        if (entity.EntityType != "threshold")
        {
            return;
        }

        var source = HaJson.PythonStr(entity.Definition["entity_id"]);
        entity.SourceListener = core.Bus.Listen(EventBus.StateChanged, e =>
        {
            if (e.Data["entity_id"] is JsonValue id && HaJson.PythonStr(id) == source && entity.Added && _live.ContainsKey(entity.ServentId))
            {
                Write(entity, "unknown", e.Context);
            }
        });
    }

    /// <summary>homeassistant/components/threshold: below lower, above upper, or inside the range, with hysteresis.</summary>
    private (string State, JsonObject Attributes) ThresholdState(ServentEntity entity)
    {
        var definition = entity.Definition;
        var source = HaJson.PythonStr(definition["entity_id"]);
        double? lower = HaJson.TryGetNumber(definition["lower"], out var l) ? l : null;
        double? upper = HaJson.TryGetNumber(definition["upper"], out var u) ? u : null;
        var hysteresis = HaJson.TryGetNumber(definition["hysteresis"], out var h) ? h : 0;
        double? value = core.States.Get(source) is { } s && double.TryParse(s.State, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
        var type = lower is not null && upper is not null ? "range" : lower is not null ? "lower" : "upper";
        string state;
        string position;
        if (value is not { } x)
        {
            state = "unknown";
            position = "unknown";
        }
        else if (type == "lower")
        {
            var below = x <= lower!.Value - hysteresis;
            state = below ? "on" : "off";
            position = below ? "below" : "above";
        }
        else if (type == "upper")
        {
            var above = x >= upper!.Value + hysteresis;
            state = above ? "on" : "off";
            position = above ? "above" : "below";
        }
        else
        {
            var inside = x > lower!.Value + hysteresis && x < upper!.Value - hysteresis;
            state = inside ? "on" : "off";
            position = inside ? "in_range" : x <= lower.Value ? "below" : "above";
        }

        var attributes = new JsonObject
        {
            ["entity_id"] = source,
            ["hysteresis"] = HaJson.Float(hysteresis),
            ["lower"] = lower is { } lo ? HaJson.Float(lo) : null,
            ["position"] = position,
            ["sensor_value"] = value is { } sv ? HaJson.Float(sv) : null,
            ["type"] = type,
            ["upper"] = upper is { } up ? HaJson.Float(up) : null,
            ["source_entity_id"] = source,
        };
        return (state, attributes);
    }

    private string? EnsureDevice(JsonObject? device)
    {
        if (device is null || device["device_id"] is not { } deviceIdNode)
        {
            return null;
        }

        var identifier = "device-" + HaJson.PythonStr(deviceIdNode);
        var existing = core.Registry.Devices.FirstOrDefault(d => d["identifiers"] is JsonArray ids && ids.Any(i => i is JsonArray pair && pair.Count == 2 && HaJson.PythonStr(pair[0]) == "servents" && HaJson.PythonStr(pair[1]) == identifier));
        var registryId = existing?["id"] is { } id ? HaJson.PythonStr(id) : StableId("servents.device." + identifier);
        var entry = existing ?? new JsonObject();
        entry["area_id"] = null;
        entry["configuration_url"] = device["configuration_url"]?.DeepClone();
        entry["config_entries"] = new JsonArray(StableId("entry.servents"));
        entry["connections"] = new JsonArray();
        entry["created_at"] = HaJson.Float(HaJson.EpochSeconds(core.Now()));
        entry["disabled_by"] = null;
        entry["entry_type"] = null;
        entry["hw_version"] = device["hw_version"]?.DeepClone();
        entry["id"] = registryId;
        entry["identifiers"] = new JsonArray(new JsonArray("servents", identifier));
        entry["labels"] = new JsonArray();
        entry["manufacturer"] = device["manufacturer"]?.DeepClone() ?? "ServEnts";
        entry["model"] = device["model"]?.DeepClone() ?? "Virtual Device";
        entry["name_by_user"] = null;
        entry["name"] = device["name"]?.DeepClone();
        entry["serial_number"] = device["serial_number"]?.DeepClone();
        entry["sw_version"] = device["sw_version"]?.DeepClone() ?? device["version"]?.DeepClone();
        entry["via_device_id"] = null;
        if (existing is null)
        {
            core.Registry.Devices.Add(entry);
        }

        return registryId;
    }

    private string EnsureEntityRegistryEntry(JsonObject definition, string type, string serventId, string? deviceRegistryId)
    {
        var uniqueId = "sensor-" + serventId;
        var domain = Domain(type);
        var existing = core.Registry.Entities.FirstOrDefault(e => e["platform"] is JsonValue p && HaJson.PythonStr(p) == "servents"
            && HaJson.PythonStr(e["unique_id"]) == uniqueId && HaJson.PythonStr(e["entity_id"]).StartsWith(domain + ".", StringComparison.Ordinal));
        if (existing is not null)
        {
            existing["original_name"] = definition["name"]?.DeepClone();
            existing["entity_category"] = definition["entity_category"]?.DeepClone();
            return HaJson.PythonStr(existing["entity_id"]);
        }

        var baseId = domain + "." + ServentSlug.Slugify($"{DeviceName(definition)} {HaJson.PythonStr(definition["name"])}");
        var entityId = baseId;
        for (var n = 2; core.Registry.Entities.Any(e => HaJson.PythonStr(e["entity_id"]) == entityId) || core.States.Get(entityId) is not null; n++)
        {
            entityId = $"{baseId}_{n}";
        }

        var disabled = definition["disabled_by_default"] is JsonValue dv && dv.TryGetValue<bool>(out var b) && b;
        core.Registry.Entities.Add(new JsonObject
        {
            ["area_id"] = null,
            ["categories"] = new JsonObject(),
            ["config_entry_id"] = StableId("entry.servents"),
            ["config_subentry_id"] = null,
            ["created_at"] = HaJson.Float(HaJson.EpochSeconds(core.Now())),
            ["device_id"] = deviceRegistryId,
            ["disabled_by"] = disabled ? "integration" : null,
            ["entity_category"] = definition["entity_category"]?.DeepClone(),
            ["entity_id"] = entityId,
            ["has_entity_name"] = true,
            ["hidden_by"] = null,
            ["icon"] = null,
            ["id"] = StableId("servents.entity." + uniqueId),
            ["labels"] = new JsonArray(),
            ["modified_at"] = HaJson.Float(HaJson.EpochSeconds(core.Now())),
            ["name"] = null,
            ["options"] = new JsonObject(),
            ["original_name"] = definition["name"]?.DeepClone(),
            ["platform"] = "servents",
            ["translation_key"] = null,
            ["unique_id"] = uniqueId,
        });
        return entityId;
    }

    private static string StableId(string seed) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..32];
}
