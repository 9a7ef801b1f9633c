using System.Text.Json.Nodes;
using Domovoy.Simulator.Json;
using Domovoy.Simulator.States;

namespace Domovoy.Simulator.Registry;

/// <summary>The built-in demo home: a few rooms with lights, sensors, helpers, a person and the sun.</summary>
internal static class DemoHome
{
    public static List<SeedState> Build(RegistryStore registry, DateTimeOffset now)
    {
        AddFloor(registry, "ground_floor", "Ground floor", 0);
        AddArea(registry, "kitchen", "Kitchen", "ground_floor");
        AddArea(registry, "living_room", "Living room", "ground_floor");
        AddArea(registry, "hallway", "Hallway", "ground_floor");
        AddArea(registry, "garden", "Garden", null);
        AddLabel(registry, "lighting", "Lighting", "yellow", "mdi:lightbulb");
        AddLabel(registry, "security", "Security", "red", "mdi:shield-home");

        var seeds = new List<SeedState>();
        void Entity(string entityId, string state, JsonObject attributes, string platform, string? deviceName = null, string? area = null, string[]? labels = null)
        {
            seeds.Add(new SeedState(entityId, state, attributes));
            string? deviceId = null;
            if (deviceName is not null)
            {
                deviceId = StableId("device." + entityId);
                AddDevice(registry, deviceId, deviceName, area, platform);
            }

            AddEntity(registry, entityId, platform, deviceId, deviceId is null ? area : null, labels ?? [], attributes["friendly_name"]?.GetValue<string>());
        }

        foreach (var (id, name, area, on) in new[] { ("kitchen", "Kitchen", "kitchen", true), ("living_room", "Living Room", "living_room", false), ("hallway", "Hallway", "hallway", false) })
        {
            var attributes = new JsonObject
            {
                ["supported_color_modes"] = new JsonArray("brightness"),
                ["color_mode"] = on ? "brightness" : null,
                ["brightness"] = on ? 180 : null,
                ["friendly_name"] = $"{name} Light",
                ["supported_features"] = 32,
            };
            Entity($"light.{id}", on ? "on" : "off", attributes, "hue", $"{name} Ceiling Light", area, ["lighting"]);
        }

        Entity("binary_sensor.hallway_motion", "off", new JsonObject { ["device_class"] = "motion", ["friendly_name"] = "Hallway Motion" }, "zha", "Hallway Motion Sensor", "hallway", ["security"]);
        Entity("binary_sensor.kitchen_motion", "off", new JsonObject { ["device_class"] = "motion", ["friendly_name"] = "Kitchen Motion" }, "zha", "Kitchen Motion Sensor", "kitchen", ["security"]);
        Entity("binary_sensor.front_door", "off", new JsonObject { ["device_class"] = "door", ["friendly_name"] = "Front Door" }, "zha", "Front Door Contact", "hallway", ["security"]);
        Entity("switch.coffee_maker", "off", new JsonObject { ["friendly_name"] = "Coffee Maker" }, "shelly", "Coffee Maker Plug", "kitchen");
        Entity("switch.garden_pump", "off", new JsonObject { ["friendly_name"] = "Garden Pump" }, "shelly", "Garden Pump Plug", "garden");
        Entity("sensor.living_room_temperature", "21.5", new JsonObject
        {
            ["state_class"] = "measurement",
            ["unit_of_measurement"] = "°C",
            ["device_class"] = "temperature",
            ["friendly_name"] = "Living Room Temperature",
        }, "zha", "Living Room Climate Sensor", "living_room");
        Entity("sensor.outdoor_temperature", "8.3", new JsonObject
        {
            ["state_class"] = "measurement",
            ["unit_of_measurement"] = "°C",
            ["device_class"] = "temperature",
            ["friendly_name"] = "Outdoor Temperature",
        }, "met", "Weather Station", "garden");
        Entity("input_boolean.guest_mode", "off", new JsonObject { ["editable"] = true, ["icon"] = "mdi:account-multiple", ["friendly_name"] = "Guest Mode" }, "input_boolean");
        Entity("input_number.target_temperature", "21.0", new JsonObject
        {
            ["initial"] = null,
            ["editable"] = true,
            ["min"] = HaJson.Float(5.0),
            ["max"] = HaJson.Float(30.0),
            ["step"] = HaJson.Float(0.5),
            ["mode"] = "slider",
            ["unit_of_measurement"] = "°C",
            ["friendly_name"] = "Target Temperature",
        }, "input_number");
        Entity("input_select.house_mode", "Home", new JsonObject
        {
            ["options"] = new JsonArray("Home", "Away", "Night", "Vacation"),
            ["editable"] = true,
            ["friendly_name"] = "House Mode",
        }, "input_select");
        Entity("input_text.welcome_message", "Welcome home!", new JsonObject
        {
            ["editable"] = true,
            ["min"] = 0,
            ["max"] = 100,
            ["pattern"] = null,
            ["mode"] = "text",
            ["friendly_name"] = "Welcome Message",
        }, "input_text");
        Entity("input_button.doorbell", "unknown", new JsonObject { ["editable"] = true, ["icon"] = "mdi:doorbell", ["friendly_name"] = "Doorbell" }, "input_button");
        Entity("person.alex", "home", new JsonObject
        {
            ["editable"] = true,
            ["id"] = "alex",
            ["user_id"] = SimulatorCore.TokenUserId,
            ["device_trackers"] = new JsonArray(),
            ["friendly_name"] = "Alex",
        }, "person");

        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var rising = day.AddHours(6.75);
        var setting = day.AddHours(15.5);
        var aboveHorizon = now >= rising && now < setting;
        if (now >= rising)
        {
            rising = rising.AddDays(1);
        }

        if (now >= setting)
        {
            setting = setting.AddDays(1);
        }

        Entity("sun.sun", aboveHorizon ? "above_horizon" : "below_horizon", new JsonObject
        {
            ["next_dawn"] = HaJson.IsoFormat(rising.AddMinutes(-40)),
            ["next_dusk"] = HaJson.IsoFormat(setting.AddMinutes(40)),
            ["next_midnight"] = HaJson.IsoFormat(day.AddHours(23).AddMinutes(7)),
            ["next_noon"] = HaJson.IsoFormat(day.AddHours(11).AddMinutes(7)),
            ["next_rising"] = HaJson.IsoFormat(rising),
            ["next_setting"] = HaJson.IsoFormat(setting),
            ["elevation"] = HaJson.Float(aboveHorizon ? 12.3 : -20.1),
            ["azimuth"] = HaJson.Float(180.2),
            ["rising"] = !aboveHorizon,
            ["friendly_name"] = "Sun",
        }, "sun");
        return seeds;
    }

    /// <summary>Registry entries for entities from a file: no devices or areas, just enough to list them.</summary>
    public static void RegisterPlain(RegistryStore registry, IEnumerable<SeedState> seeds)
    {
        foreach (var seed in seeds)
        {
            AddEntity(registry, seed.EntityId, seed.EntityId[..seed.EntityId.IndexOf('.', StringComparison.Ordinal)], null, null, [], null);
        }
    }

    // Registry ids are 32-hex uuids in HA; derive them from names so the demo home is stable across runs.
    private static string StableId(string name) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(name)));

    private static void AddEntity(RegistryStore registry, string entityId, string platform, string? deviceId, string? areaId, string[] labels, string? originalName) =>
        registry.Entities.Add(new JsonObject
        {
            ["area_id"] = areaId,
            ["categories"] = new JsonObject(),
            ["config_entry_id"] = StableId("entry." + platform),
            ["config_subentry_id"] = null,
            ["created_at"] = HaJson.Float(1735689600.0),
            ["device_id"] = deviceId,
            ["disabled_by"] = null,
            ["entity_category"] = null,
            ["entity_id"] = entityId,
            ["has_entity_name"] = false,
            ["hidden_by"] = null,
            ["icon"] = null,
            ["id"] = StableId("entity." + entityId),
            ["labels"] = new JsonArray(labels.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
            ["modified_at"] = HaJson.Float(1735689600.0),
            ["name"] = null,
            ["options"] = new JsonObject { ["conversation"] = new JsonObject { ["should_expose"] = true } },
            ["original_name"] = originalName,
            ["platform"] = platform,
            ["translation_key"] = null,
            ["unique_id"] = StableId("unique." + entityId),
        });

    private static void AddDevice(RegistryStore registry, string deviceId, string name, string? areaId, string platform) =>
        registry.Devices.Add(new JsonObject
        {
            ["area_id"] = areaId,
            ["configuration_url"] = null,
            ["config_entries"] = new JsonArray(StableId("entry." + platform)),
            ["config_entries_subentries"] = new JsonObject { [StableId("entry." + platform)] = new JsonArray((JsonNode?)null) },
            ["connections"] = new JsonArray(),
            ["created_at"] = HaJson.Float(1735689600.0),
            ["disabled_by"] = null,
            ["entry_type"] = null,
            ["hw_version"] = null,
            ["id"] = deviceId,
            ["identifiers"] = new JsonArray(new JsonArray(platform, deviceId[..12])),
            ["labels"] = new JsonArray(),
            ["manufacturer"] = "Domovoy Simulator",
            ["model"] = name,
            ["model_id"] = null,
            ["modified_at"] = HaJson.Float(1735689600.0),
            ["name_by_user"] = null,
            ["name"] = name,
            ["primary_config_entry"] = StableId("entry." + platform),
            ["serial_number"] = null,
            ["sw_version"] = "1.0.0",
            ["via_device_id"] = null,
        });

    private static void AddArea(RegistryStore registry, string areaId, string name, string? floorId) =>
        registry.Areas.Add(new JsonObject
        {
            ["aliases"] = new JsonArray(),
            ["area_id"] = areaId,
            ["floor_id"] = floorId,
            ["humidity_entity_id"] = null,
            ["icon"] = null,
            ["labels"] = new JsonArray(),
            ["name"] = name,
            ["picture"] = null,
            ["temperature_entity_id"] = areaId == "living_room" ? "sensor.living_room_temperature" : null,
            ["created_at"] = HaJson.Float(1735689600.0),
            ["modified_at"] = HaJson.Float(1735689600.0),
        });

    private static void AddFloor(RegistryStore registry, string floorId, string name, int level) =>
        registry.Floors.Add(new JsonObject
        {
            ["aliases"] = new JsonArray(),
            ["created_at"] = HaJson.Float(1735689600.0),
            ["floor_id"] = floorId,
            ["icon"] = null,
            ["level"] = level,
            ["modified_at"] = HaJson.Float(1735689600.0),
            ["name"] = name,
        });

    private static void AddLabel(RegistryStore registry, string labelId, string name, string color, string icon) =>
        registry.Labels.Add(new JsonObject
        {
            ["color"] = color,
            ["created_at"] = HaJson.Float(1735689600.0),
            ["description"] = null,
            ["icon"] = icon,
            ["label_id"] = labelId,
            ["name"] = name,
            ["modified_at"] = HaJson.Float(1735689600.0),
        });
}
