using System.Text.Json.Nodes;
using Domovoy.Simulator.Tests.Support;

namespace Domovoy.Simulator.Tests;

[TestClass]
public sealed class ServentsTests
{
    private static JsonObject Device(string name = "my_app") => new()
    {
        ["device_id"] = name, ["name"] = name, ["manufacturer"] = "apps.my_app/MyApp", ["model"] = name, ["version"] = "Domovoy", ["app_name"] = name, ["is_global"] = false,
    };

    private static JsonObject Entity(string type, string id, string name, JsonObject? extra = null, JsonObject? device = null)
    {
        var entity = new JsonObject { ["entity_type"] = type, ["servent_id"] = id, ["name"] = name, ["fixed_attributes"] = new JsonObject(), ["disabled_by_default"] = false, ["app_name"] = "my_app" };
        foreach (var (key, value) in extra ?? [])
        {
            entity[key] = value?.DeepClone();
        }

        entity["device_definition"] = device ?? Device();
        return entity;
    }

    private static JsonObject Create(params JsonObject[] entities) => Call("servents", "create_entity", new JsonObject { ["entities"] = new JsonArray(entities) });

    private static JsonObject Call(string domain, string service, JsonObject data) => new()
    {
        ["type"] = "call_service", ["domain"] = domain, ["service"] = service, ["service_data"] = data,
    };

    private static async Task<JsonNode> OkAsync(WsTestClient client, JsonObject command)
    {
        var reply = await client.CommandAsync(command);
        Assert.IsTrue(reply["success"]!.GetValue<bool>(), reply.ToJsonString());
        return reply;
    }

    private static JsonObject Attributes(HomeAssistantSimulator sim, string entityId) =>
        JsonNode.Parse(sim.GetStateJson(entityId) ?? throw new AssertFailedException($"{entityId} missing"))!["attributes"]!.AsObject();

    [TestMethod]
    public async Task Create_adds_the_entity_after_the_call_with_derived_id_servent_id_attribute_and_registry_entry()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        await OkAsync(client, Create(Entity("sensor", "my_app-temperature", "Temperature", new JsonObject { ["device_class"] = "temperature", ["unit_of_measurement"] = "°C", ["state_class"] = "measurement" })));
        await sim.WaitForStateAsync("sensor.my_app_temperature", s => s is not null, Sim.Timeout());

        Assert.AreEqual("unknown", sim.GetState("sensor.my_app_temperature"));
        var attributes = Attributes(sim, "sensor.my_app_temperature");
        Assert.AreEqual("my_app-temperature", attributes.Str("servent_id"));
        Assert.AreEqual("my_app Temperature", attributes.Str("friendly_name"));
        Assert.AreEqual("°C", attributes.Str("unit_of_measurement"));
        Assert.AreEqual("measurement", attributes.Str("state_class"));
        var registry = JsonNode.Parse(sim.GetEntityRegistryJson())!.AsArray();
        var entry = registry.Single(e => e!["entity_id"]!.GetValue<string>() == "sensor.my_app_temperature")!;
        Assert.AreEqual("sensor-my_app-temperature", entry.Str("unique_id"));
        Assert.AreEqual("servents", entry.Str("platform"));
    }

    [TestMethod]
    public async Task Recreate_reconfigures_in_place_keeps_state_and_entity_id_and_a_type_change_is_ignored_with_a_warning()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        await OkAsync(client, Create(Entity("sensor", "my_app-count", "Count", new JsonObject { ["fixed_attributes"] = new JsonObject { ["a"] = 1 } })));
        await sim.WaitForStateAsync("sensor.my_app_count", s => s is not null, Sim.Timeout());
        await OkAsync(client, Call("servents", "update_state", new JsonObject { ["servent_id"] = "my_app-count", ["state"] = 7, ["attributes"] = new JsonObject { ["dyn"] = "x" } }));
        Assert.AreEqual("7", sim.GetState("sensor.my_app_count"));

        await OkAsync(client, Create(Entity("sensor", "my_app-count", "Renamed", new JsonObject { ["fixed_attributes"] = new JsonObject { ["b"] = 2 } })));
        Assert.AreEqual("7", sim.GetState("sensor.my_app_count"));
        var attributes = Attributes(sim, "sensor.my_app_count");
        Assert.AreEqual("my_app Renamed", attributes.Str("friendly_name"));
        Assert.AreEqual("x", attributes.Str("dyn"));
        Assert.IsFalse(attributes.ContainsKey("a"));
        Assert.AreEqual(2, attributes["b"]!.GetValue<int>());
        Assert.AreEqual(1, JsonNode.Parse(sim.GetEntityRegistryJson())!.AsArray().Count(e => e!["platform"]!.GetValue<string>() == "servents"));

        await OkAsync(client, Create(Entity("switch", "my_app-count", "Count")));
        Assert.AreEqual("7", sim.GetState("sensor.my_app_count"));
        Assert.IsNull(sim.GetState("switch.my_app_count"));
        StringAssert.Contains(sim.ServentWarnings.Single(), "Ignoring type conflict for servent_id my_app-count");
    }

    [TestMethod]
    public async Task Update_state_replaces_dynamic_attributes_keeps_fixed_ones_and_unknown_ids_only_warn()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        await OkAsync(client, Create(Entity("binary_sensor", "my_app-door", "Door", new JsonObject { ["default_state"] = false, ["device_class"] = "door", ["fixed_attributes"] = new JsonObject { ["servent_id"] = "hijack", ["room"] = "hall" } })));
        await sim.WaitForStateAsync("binary_sensor.my_app_door", s => s == "off", Sim.Timeout());

        await OkAsync(client, Call("servents", "update_state", new JsonObject { ["servent_id"] = "my_app-door", ["state"] = true, ["attributes"] = new JsonObject { ["one"] = 1, ["room"] = "x" } }));
        await OkAsync(client, Call("servents", "update_state", new JsonObject { ["servent_id"] = "my_app-door", ["state"] = null, ["attributes"] = new JsonObject { ["two"] = 2 } }));
        Assert.AreEqual("unknown", sim.GetState("binary_sensor.my_app_door"));
        var attributes = Attributes(sim, "binary_sensor.my_app_door");
        Assert.IsFalse(attributes.ContainsKey("one"));
        Assert.AreEqual("hall", attributes.Str("room"));
        Assert.AreEqual("my_app-door", attributes.Str("servent_id"));
        Assert.AreEqual("door", attributes.Str("device_class"));

        await OkAsync(client, Call("servents", "update_state", new JsonObject { ["servent_id"] = "nope", ["state"] = 1 }));
        StringAssert.Contains(sim.ServentWarnings.Single(), "nope");
    }

    [TestMethod]
    public async Task Entity_ids_collide_to_suffix_2_and_disabled_entities_never_get_a_state()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        await OkAsync(client, Create(Entity("sensor", "my_app-a", "Value")));
        await OkAsync(client, Create(Entity("sensor", "my_app-b", "Value")));
        await OkAsync(client, Create(Entity("button", "my_app-my_app.AppRestartRequested", "Restart App", new JsonObject { ["entity_category"] = "diagnostic", ["disabled_by_default"] = true, ["event"] = "my_app.AppRestartRequested", ["event_data"] = new JsonObject(), ["device_class"] = "restart" })));
        await sim.WaitForStateAsync("sensor.my_app_value_2", s => s is not null, Sim.Timeout());
        Assert.AreEqual("sensor.my_app_value", sim.GetServentEntityId("my_app-a"));
        Assert.AreEqual("sensor.my_app_value_2", sim.GetServentEntityId("my_app-b"));
        Assert.AreEqual("button.my_app_restart_app", sim.GetServentEntityId("my_app-my_app.AppRestartRequested"));
        Assert.IsNull(sim.GetState("button.my_app_restart_app"));
        var entry = JsonNode.Parse(sim.GetEntityRegistryJson())!.AsArray().Single(e => e!["entity_id"]!.GetValue<string>() == "button.my_app_restart_app")!;
        Assert.AreEqual("integration", entry.Str("disabled_by"));
        Assert.AreEqual("diagnostic", entry.Str("entity_category"));
    }

    [TestMethod]
    public async Task Ui_services_write_servent_states_and_a_button_press_fires_its_event()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        await OkAsync(client, Create(
            Entity("switch", "my_app-enabled", "Enabled", new JsonObject { ["device_class"] = "switch" }),
            Entity("number", "my_app-threshold", "Threshold", new JsonObject { ["default_state"] = 75, ["unit_of_measurement"] = "°F", ["mode"] = "slider", ["min_value"] = 60, ["max_value"] = 90, ["step"] = 1 }),
            Entity("select", "my_app-mode", "Mode", new JsonObject { ["default_state"] = "Auto", ["options"] = new JsonArray("Auto", "Manual", "Off") }),
            Entity("button", "my_app-my_app.reset", "Reset", new JsonObject { ["event"] = "my_app.reset", ["event_data"] = new JsonObject { ["k"] = "v" } })));
        // Each entity is added on its own (async_add_entities), in no particular order: wait for all of them.
        foreach (var entity in (string[])["switch.my_app_enabled", "number.my_app_threshold", "select.my_app_mode", "button.my_app_reset"])
        {
            await sim.WaitForStateAsync(entity, s => s is not null, Sim.Timeout());
        }

        Assert.AreEqual("75", sim.GetState("number.my_app_threshold"));
        Assert.AreEqual("Auto", sim.GetState("select.my_app_mode"));

        await OkAsync(client, Call("switch", "turn_on", new JsonObject { ["entity_id"] = "switch.my_app_enabled" }));
        Assert.AreEqual("on", sim.GetState("switch.my_app_enabled"));
        await OkAsync(client, Call("number", "set_value", new JsonObject { ["entity_id"] = "number.my_app_threshold", ["value"] = 80 }));
        Assert.AreEqual("80.0", sim.GetState("number.my_app_threshold"));
        var outOfRange = await client.CommandAsync(Call("number", "set_value", new JsonObject { ["entity_id"] = "number.my_app_threshold", ["value"] = 95 }));
        Assert.IsFalse(outOfRange["success"]!.GetValue<bool>());
        await OkAsync(client, Call("select", "select_option", new JsonObject { ["entity_id"] = "select.my_app_mode", ["option"] = "Off" }));
        Assert.AreEqual("Off", sim.GetState("select.my_app_mode"));

        await OkAsync(client, new JsonObject { ["type"] = "subscribe_events", ["event_type"] = "servent.my_app.reset" });
        var press = await client.SendAsync(Call("button", "press", new JsonObject { ["entity_id"] = "button.my_app_reset" }));
        var fired = await client.ReceiveAsync(m => m["type"]!.GetValue<string>() == "event");
        Assert.AreEqual("servent.my_app.reset", fired.Str("event/event_type"));
        Assert.AreEqual("""{"k":"v"}""", fired["event"]!["data"]!.ToJsonString());
        await client.ReceiveAsync(m => m["id"]?.GetValue<int>() == press);
    }

    [TestMethod]
    public async Task Threshold_follows_its_source_entity()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        await sim.SetStateAsync("sensor.pump_pressure", "50");
        await OkAsync(client, Create(Entity("threshold", "my_app-pump", "Pump Running", new JsonObject { ["entity_id"] = "sensor.pump_pressure", ["lower"] = 5, ["upper"] = 100, ["hysteresis"] = 0.5 })));
        await sim.WaitForStateAsync("binary_sensor.my_app_pump_running", s => s == "on", Sim.Timeout());
        await sim.SetStateAsync("sensor.pump_pressure", "2");
        Assert.AreEqual("off", sim.GetState("binary_sensor.my_app_pump_running"));
        Assert.AreEqual("below", Attributes(sim, "binary_sensor.my_app_pump_running").Str("position"));
    }

    [TestMethod]
    public async Task A_restart_leaves_restored_placeholders_and_re_creating_restores_the_last_state()
    {
        await using var sim = await Sim.StartAsync(o => o.StartingPhase = TimeSpan.FromMilliseconds(50));
        await using (var client = await WsTestClient.ConnectAuthenticatedAsync(sim))
        {
            await OkAsync(client, Create(Entity("sensor", "my_app-count", "Count", new JsonObject { ["default_state"] = 0 }), Entity("switch", "my_app-enabled", "Enabled")));
            await sim.WaitForStateAsync("switch.my_app_enabled", s => s is not null, Sim.Timeout());
            await OkAsync(client, Call("servents", "update_state", new JsonObject { ["servent_id"] = "my_app-count", ["state"] = 12, ["attributes"] = new JsonObject { ["last"] = "hall" } }));
            await OkAsync(client, Call("switch", "turn_on", new JsonObject { ["entity_id"] = "switch.my_app_enabled" }));
            var hassState = await client.CommandAsync(new JsonObject { ["type"] = "servent/hass-state" });
            Assert.IsTrue(hassState["result"]!["is_hass_up"]!.GetValue<bool>());
        }

        await sim.RestartAsync(TimeSpan.FromMilliseconds(50), Sim.Timeout());
        Assert.AreEqual("unavailable", sim.GetState("sensor.my_app_count"));
        Assert.IsFalse(Attributes(sim, "sensor.my_app_count").ContainsKey("servent_id"));

        await using var again = await WsTestClient.ConnectAuthenticatedAsync(sim);
        await OkAsync(again, Create(Entity("sensor", "my_app-count", "Count", new JsonObject { ["default_state"] = 0 }), Entity("switch", "my_app-enabled", "Enabled")));
        await sim.WaitForStateAsync("sensor.my_app_count", s => s == "12", Sim.Timeout());
        await sim.WaitForStateAsync("switch.my_app_enabled", s => s == "on", Sim.Timeout());
        Assert.AreEqual("hall", Attributes(sim, "sensor.my_app_count").Str("last"));
    }

    [TestMethod]
    public async Task Enabling_a_disabled_entity_in_the_registry_adds_it_and_re_creating_keeps_it_enabled()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        var restart = Entity("button", "my_app-my_app.AppRestartRequested", "Restart App", new JsonObject { ["entity_category"] = "diagnostic", ["disabled_by_default"] = true, ["event"] = "my_app.AppRestartRequested", ["event_data"] = new JsonObject(), ["device_class"] = "restart" });
        await OkAsync(client, Create((JsonObject)restart.DeepClone()));
        Assert.IsNull(sim.GetState("button.my_app_restart_app"));

        var reply = await OkAsync(client, new JsonObject { ["type"] = "config/entity_registry/update", ["entity_id"] = "button.my_app_restart_app", ["disabled_by"] = null });
        Assert.AreEqual(30, reply["result"]!["reload_delay"]!.GetValue<int>());
        await sim.WaitForStateAsync("button.my_app_restart_app", s => s is not null, Sim.Timeout());

        await OkAsync(client, Create((JsonObject)restart.DeepClone()));
        Assert.IsNotNull(sim.GetState("button.my_app_restart_app"));
        Assert.AreEqual("restart", Attributes(sim, "button.my_app_restart_app").Str("device_class"));
    }

    [TestMethod]
    public async Task Create_rejects_empty_lists_and_unknown_types()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        var empty = await client.CommandAsync(Call("servents", "create_entity", new JsonObject { ["entities"] = new JsonArray() }));
        Assert.AreEqual("service_validation_error", empty.Str("error/code"));
        var unknown = await client.CommandAsync(Create(Entity("teleporter", "my_app-x", "X")));
        Assert.AreEqual("service_validation_error", unknown.Str("error/code"));
    }
}
