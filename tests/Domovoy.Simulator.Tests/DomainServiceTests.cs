using System.Text.Json.Nodes;
using Domovoy.Simulator.Tests.Support;

namespace Domovoy.Simulator.Tests;

[TestClass]
public sealed class DomainServiceTests
{
    private static JsonObject Call(string domain, string service, JsonObject? data = null) => new()
    {
        ["type"] = "call_service", ["domain"] = domain, ["service"] = service, ["service_data"] = data ?? [],
    };

    [TestMethod]
    public async Task Input_number_set_value_stores_a_float_and_rejects_out_of_range()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        var ok = await client.CommandAsync(Call("input_number", "set_value", new JsonObject { ["entity_id"] = "input_number.target_temperature", ["value"] = 22 }));
        Assert.IsTrue(ok["success"]!.GetValue<bool>());
        Assert.AreEqual("22.0", sim.GetState("input_number.target_temperature"));

        var error = await client.CommandAsync(Call("input_number", "set_value", new JsonObject { ["entity_id"] = "input_number.target_temperature", ["value"] = 150 }));
        Assert.AreEqual(
            """{"code":"invalid_format","message":"Invalid value for input_number.target_temperature: 150 (range 5.0 - 30.0)"}""",
            error["error"]!.ToJsonString());
        Assert.AreEqual("22.0", sim.GetState("input_number.target_temperature"));

        await client.CommandAsync(Call("input_number", "increment", new JsonObject { ["entity_id"] = "input_number.target_temperature" }));
        Assert.AreEqual("22.5", sim.GetState("input_number.target_temperature"));
    }

    [TestMethod]
    public async Task Input_select_cycles_and_rejects_unknown_options()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        var target = new JsonObject { ["entity_id"] = "input_select.house_mode" };

        await client.CommandAsync(Call("input_select", "select_last", (JsonObject)target.DeepClone()));
        Assert.AreEqual("Vacation", sim.GetState("input_select.house_mode"));
        await client.CommandAsync(Call("input_select", "select_next", (JsonObject)target.DeepClone()));
        Assert.AreEqual("Home", sim.GetState("input_select.house_mode"));
        await client.CommandAsync(Call("input_select", "select_previous", new JsonObject { ["entity_id"] = "input_select.house_mode", ["cycle"] = false }));
        Assert.AreEqual("Home", sim.GetState("input_select.house_mode"));

        var error = await client.CommandAsync(Call("input_select", "select_option", new JsonObject { ["entity_id"] = "input_select.house_mode", ["option"] = "Party" }));
        Assert.AreEqual("home_assistant_error", error.Str("error/code"));
        Assert.AreEqual("Invalid option: Party (possible options: Home, Away, Night, Vacation)", error.Str("error/message"));
    }

    [TestMethod]
    public async Task Input_text_outside_length_range_is_ignored_with_success()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        var reply = await client.CommandAsync(Call("input_text", "set_value", new JsonObject { ["entity_id"] = "input_text.welcome_message", ["value"] = new string('x', 101) }));

        Assert.IsTrue(reply["success"]!.GetValue<bool>());
        Assert.AreEqual("Welcome home!", sim.GetState("input_text.welcome_message"));
    }

    [TestMethod]
    public async Task Light_turn_off_nulls_brightness_and_toggle_turns_back_on()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        await client.CommandAsync(Call("light", "turn_off", new JsonObject { ["entity_id"] = "light.kitchen" }));
        var off = JsonNode.Parse(sim.GetStateJson("light.kitchen")!)!;
        Assert.AreEqual("off", off.Str("state"));
        Assert.IsTrue(off["attributes"]!.AsObject().ContainsKey("brightness"));
        Assert.IsNull(off["attributes"]!["brightness"]);

        await client.CommandAsync(Call("light", "toggle", new JsonObject { ["entity_id"] = "light.kitchen", ["brightness"] = 77 }));
        var on = JsonNode.Parse(sim.GetStateJson("light.kitchen")!)!;
        Assert.AreEqual("on", on.Str("state"));
        Assert.AreEqual(77, on["attributes"]!["brightness"]!.GetValue<int>());
        Assert.AreEqual("brightness", on.Str("attributes/color_mode"));
    }

    [TestMethod]
    public async Task Button_press_sets_an_iso_timestamp()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        await client.CommandAsync(Call("input_button", "press", new JsonObject { ["entity_id"] = "input_button.doorbell" }));

        var state = sim.GetState("input_button.doorbell")!;
        Assert.IsTrue(DateTimeOffset.TryParse(state, out _), state);
        StringAssert.EndsWith(state, "+00:00");
    }

    [TestMethod]
    public async Task Get_services_lists_domains_and_servents_without_response_key()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        var services = (await client.CommandAsync(new JsonObject { ["type"] = "get_services" }))["result"]!.AsObject();

        foreach (var domain in new[] { "light", "switch", "input_boolean", "input_number", "input_select", "input_text", "button", "input_button", "homeassistant", "servents" })
        {
            Assert.IsTrue(services.ContainsKey(domain), domain);
        }

        Assert.IsFalse(services["servents"]!["create_entity"]!.AsObject().ContainsKey("response"));
        Assert.IsFalse(services["servents"]!["update_state"]!.AsObject().ContainsKey("response"));
        Assert.AreEqual("""{"optional":false}""", services["simulator"]!["echo"]!["response"]!.ToJsonString());
        Assert.AreEqual("light", services["light"]!["turn_on"]!["target"]!["entity"]![0]!["domain"]![0]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Registries_and_config_describe_the_demo_home()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        var entities = (await client.CommandAsync(new JsonObject { ["type"] = "config/entity_registry/list" }))["result"]!.AsArray();
        var devices = (await client.CommandAsync(new JsonObject { ["type"] = "config/device_registry/list" }))["result"]!.AsArray();
        var areas = (await client.CommandAsync(new JsonObject { ["type"] = "config/area_registry/list" }))["result"]!.AsArray();
        var floors = (await client.CommandAsync(new JsonObject { ["type"] = "config/floor_registry/list" }))["result"]!.AsArray();
        var labels = (await client.CommandAsync(new JsonObject { ["type"] = "config/label_registry/list" }))["result"]!.AsArray();
        var config = (await client.CommandAsync(new JsonObject { ["type"] = "get_config" }))["result"]!;

        var kitchen = entities.Single(e => e!.Str("entity_id") == "light.kitchen")!;
        var device = devices.Single(d => d!.Str("id") == kitchen.Str("device_id"))!;
        Assert.AreEqual("kitchen", device.Str("area_id"));
        Assert.IsTrue(areas.Any(a => a!.Str("area_id") == "kitchen" && a!.Str("floor_id") == "ground_floor"));
        Assert.AreEqual(1, floors.Count);
        Assert.IsTrue(labels.Any(l => l!.Str("label_id") == "lighting"));
        Assert.AreEqual("RUNNING", config.Str("state"));
        Assert.AreEqual("Europe/Berlin", config.Str("time_zone"));
        Assert.AreEqual(52.52, config["latitude"]!.GetValue<double>());
        Assert.AreEqual("°C", config.Str("unit_system/temperature"));
        var states = (await client.CommandAsync(new JsonObject { ["type"] = "get_states" }))["result"]!.AsArray();
        Assert.IsTrue(states.Any(s => s!.Str("entity_id") == "sun.sun" && s!["attributes"]!["next_rising"] is not null));
        Assert.IsTrue(states.Count >= 17, states.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public async Task Entities_file_replaces_the_demo_home()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sim-entities-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, """
            - entity_id: sensor.power
              state: 42
              attributes:
                unit_of_measurement: W
                quoted: "7"
                ratio: 0.5
            - entity_id: light.desk
              state: "off"
            """);
        try
        {
            await using var sim = await Sim.StartAsync(o => o.EntitiesFile = file);
            var power = JsonNode.Parse(sim.GetStateJson("sensor.power")!)!;
            Assert.AreEqual("42", power.Str("state"));
            Assert.AreEqual("""{"unit_of_measurement":"W","quoted":"7","ratio":0.5}""", power["attributes"]!.ToJsonString());
            Assert.AreEqual("off", sim.GetState("light.desk"));
            Assert.IsNull(sim.GetState("light.kitchen"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Sample_entities_file_loads()
    {
        var file = Path.Combine(Repository.Root(), "Domovoy.Simulator", "Samples", "entities.example.yaml");
        await using var sim = await Sim.StartAsync(o => o.EntitiesFile = file);

        Assert.AreEqual("412.5", sim.GetState("sensor.power_meter"));
        StringAssert.Contains(sim.GetStateJson("input_number.volume"), "\"min\":0.0,\"max\":100.0,\"step\":5.0");
    }

    [TestMethod]
    public async Task Floats_are_written_like_python_floats()
    {
        await using var sim = await Sim.StartAsync();

        StringAssert.Contains(sim.GetStateJson("input_number.target_temperature"), "\"min\":5.0,\"max\":30.0,\"step\":0.5");
    }

    [TestMethod]
    public async Task Json_entities_file_with_an_entities_key_loads()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sim-entities-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"entities":[{"entity_id":"switch.fan","state":"on","attributes":{"friendly_name":"Fan"}}]}""");
        try
        {
            await using var sim = await Sim.StartAsync(o => o.EntitiesFile = file);
            await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

            var registry = (await client.CommandAsync(new JsonObject { ["type"] = "config/entity_registry/list" }))["result"]!.AsArray();
            Assert.AreEqual("switch.fan", registry.Single()!.Str("entity_id"));
            await client.CommandAsync(Call("switch", "toggle", new JsonObject { ["entity_id"] = "switch.fan" }));
            Assert.AreEqual("off", sim.GetState("switch.fan"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
