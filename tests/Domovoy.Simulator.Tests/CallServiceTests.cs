using System.Text.Json.Nodes;
using Domovoy.Simulator.Tests.Support;

namespace Domovoy.Simulator.Tests;

[TestClass]
public sealed class CallServiceTests
{
    [TestMethod]
    public async Task Call_service_event_then_state_changed_then_result_with_the_same_context()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        var subscription = (await client.CommandAsync(new JsonObject { ["type"] = "subscribe_events" }))["id"]!.GetValue<int>();

        var id = await client.SendAsync(new JsonObject
        {
            ["type"] = "call_service",
            ["domain"] = "light",
            ["service"] = "turn_on",
            ["service_data"] = new JsonObject { ["brightness_pct"] = 50 },
            ["target"] = new JsonObject { ["entity_id"] = new JsonArray("light.living_room") },
        });

        var callEvent = await client.ReceiveAsync();
        var stateChanged = await client.ReceiveAsync();
        var result = await client.ReceiveAsync();
        Assert.AreEqual(subscription, callEvent["id"]!.GetValue<int>());
        Assert.AreEqual("call_service", callEvent.Str("event/event_type"));
        Assert.AreEqual("""{"brightness_pct":50,"entity_id":["light.living_room"]}""", callEvent["event"]!["data"]!["service_data"]!.ToJsonString());
        Assert.AreEqual("state_changed", stateChanged.Str("event/event_type"));
        Assert.AreEqual("on", stateChanged.Str("event/data/new_state/state"));
        Assert.AreEqual(128, stateChanged["event"]!["data"]!["new_state"]!["attributes"]!["brightness"]!.GetValue<int>());
        Assert.AreEqual(id, result["id"]!.GetValue<int>());
        Assert.IsTrue(result["success"]!.GetValue<bool>());
        var contextId = result.Str("result/context/id");
        Assert.AreEqual(26, contextId.Length);
        Assert.AreEqual(contextId, stateChanged.Str("event/data/new_state/context/id"));
        Assert.AreEqual(contextId, stateChanged.Str("event/context/id"));
        Assert.AreEqual(contextId, callEvent.Str("event/context/id"));
        Assert.IsNotNull(result["result"]!["context"]!["user_id"]);
        Assert.IsFalse(result["result"]!.AsObject().ContainsKey("response"), "response only with return_response");
        Assert.AreEqual("on", sim.GetState("light.living_room"));
    }

    [TestMethod]
    public async Task Unknown_service_is_not_found_with_translation_fields()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        var reply = await client.CommandAsync(new JsonObject { ["type"] = "call_service", ["domain"] = "light", ["service"] = "foo" });

        Assert.AreEqual(
            """{"code":"not_found","message":"Service light.foo not found.","translation_key":"service_not_found","translation_domain":"homeassistant","translation_placeholders":{"domain":"light","service":"foo"}}""",
            reply["error"]!.ToJsonString());
    }

    [TestMethod]
    public async Task Unknown_entity_succeeds_without_state_change()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        var before = sim.GetStatesJson();

        var reply = await client.CommandAsync(new JsonObject
        {
            ["type"] = "call_service", ["domain"] = "light", ["service"] = "turn_on", ["target"] = new JsonObject { ["entity_id"] = "light.nowhere" },
        });

        Assert.IsTrue(reply["success"]!.GetValue<bool>());
        Assert.AreEqual(before, sim.GetStatesJson());
    }

    [TestMethod]
    public async Task Return_response_is_validated_against_the_service()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        var notSupported = await client.CommandAsync(new JsonObject
        {
            ["type"] = "call_service", ["domain"] = "light", ["service"] = "turn_on", ["return_response"] = true,
        });
        Assert.AreEqual("service_validation_error", notSupported.Str("error/code"));
        Assert.AreEqual("service_does_not_support_response", notSupported.Str("error/translation_key"));

        var lacking = await client.CommandAsync(new JsonObject { ["type"] = "call_service", ["domain"] = "simulator", ["service"] = "echo" });
        Assert.AreEqual("service_lacks_response_request", lacking.Str("error/translation_key"));

        var echoed = await client.CommandAsync(new JsonObject
        {
            ["type"] = "call_service", ["domain"] = "simulator", ["service"] = "echo", ["service_data"] = new JsonObject { ["x"] = 1 }, ["return_response"] = true,
        });
        Assert.AreEqual("""{"data":{"x":1}}""", echoed["result"]!["response"]!.ToJsonString());
    }

    [TestMethod]
    public async Task Homeassistant_turn_off_groups_targets_by_domain()
    {
        await using var sim = await Sim.StartAsync();
        await sim.SetStateAsync("switch.coffee_maker", "on");
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        await client.CommandAsync(new JsonObject { ["type"] = "subscribe_events", ["event_type"] = "call_service" });

        await client.CommandAsync(new JsonObject
        {
            ["type"] = "call_service", ["domain"] = "homeassistant", ["service"] = "turn_off",
            ["target"] = new JsonObject { ["entity_id"] = new JsonArray("light.kitchen", "switch.coffee_maker") },
        });

        Assert.AreEqual("off", sim.GetState("light.kitchen"));
        Assert.AreEqual("off", sim.GetState("switch.coffee_maker"));
        var services = client.RawFrames.Select(f => JsonNode.Parse(f)!).Where(m => m.Str("type") == "event")
            .Select(m => m.Str("event/data/domain") + "." + m.Str("event/data/service")).ToList();
        CollectionAssert.AreEqual(new[] { "homeassistant.turn_off", "light.turn_off", "switch.turn_off" }, services);
    }

    [TestMethod]
    public async Task Area_target_reaches_entities_of_devices_in_the_area()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        await client.CommandAsync(new JsonObject
        {
            ["type"] = "call_service", ["domain"] = "light", ["service"] = "turn_on", ["target"] = new JsonObject { ["area_id"] = "hallway" },
        });

        Assert.AreEqual("on", sim.GetState("light.hallway"));
        Assert.AreEqual("off", sim.GetState("light.living_room"));
    }

    [TestMethod]
    public async Task Label_and_floor_targets_resolve_through_the_registries()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        await client.CommandAsync(new JsonObject
        {
            ["type"] = "call_service", ["domain"] = "light", ["service"] = "turn_off", ["target"] = new JsonObject { ["floor_id"] = "ground_floor" },
        });
        Assert.AreEqual("off", sim.GetState("light.kitchen"));

        await client.CommandAsync(new JsonObject
        {
            ["type"] = "call_service", ["domain"] = "light", ["service"] = "turn_on", ["target"] = new JsonObject { ["label_id"] = new JsonArray("lighting") },
        });
        Assert.AreEqual("on", sim.GetState("light.kitchen"));
        Assert.AreEqual("on", sim.GetState("light.living_room"));
        Assert.AreEqual("on", sim.GetState("light.hallway"));
    }

    [TestMethod]
    public async Task Fire_event_reaches_subscribers_of_that_type_and_returns_a_context()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        var sub = (await client.CommandAsync(new JsonObject { ["type"] = "subscribe_events", ["event_type"] = "my_event" }))["id"]!.GetValue<int>();

        var id = await client.SendAsync(new JsonObject { ["type"] = "fire_event", ["event_type"] = "my_event", ["event_data"] = new JsonObject { ["a"] = 1 } });
        var e = await client.ReceiveAsync();
        var result = await client.ReceiveAsync();

        Assert.AreEqual(sub, e["id"]!.GetValue<int>());
        Assert.AreEqual("""{"a":1}""", e["event"]!["data"]!.ToJsonString());
        Assert.AreEqual(id, result["id"]!.GetValue<int>());
        Assert.AreEqual(result.Str("result/context/id"), e.Str("event/context/id"));

        await sim.FireEventAsync("my_event", new { b = 2 });
        Assert.AreEqual("""{"b":2}""", (await client.ReceiveAsync())["event"]!["data"]!.ToJsonString());
    }

    [TestMethod]
    public async Task Unsubscribe_stops_events_and_unknown_subscription_is_not_found()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        var sub = (await client.CommandAsync(new JsonObject { ["type"] = "subscribe_events", ["event_type"] = "my_event" }))["id"]!.GetValue<int>();

        var ok = await client.CommandAsync(new JsonObject { ["type"] = "unsubscribe_events", ["subscription"] = sub });
        Assert.IsTrue(ok["success"]!.GetValue<bool>());
        await sim.FireEventAsync("my_event");
        var missing = await client.CommandAsync(new JsonObject { ["type"] = "unsubscribe_events", ["subscription"] = sub });

        Assert.AreEqual("""{"code":"not_found","message":"Subscription not found."}""", missing["error"]!.ToJsonString());
        Assert.IsFalse(client.RawFrames.Any(f => f.Contains("my_event", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task State_trigger_fires_on_matching_transition_only()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        var sub = (await client.CommandAsync(new JsonObject
        {
            ["type"] = "subscribe_trigger",
            ["trigger"] = new JsonObject { ["platform"] = "state", ["entity_id"] = "binary_sensor.hallway_motion", ["from"] = "off", ["to"] = "on" },
        }))["id"]!.GetValue<int>();

        await sim.SetStateAsync("binary_sensor.front_door", "on");
        await sim.SetStateAsync("binary_sensor.hallway_motion", "on");

        var e = await client.ReceiveAsync();
        Assert.AreEqual(sub, e["id"]!.GetValue<int>());
        Assert.AreEqual("event", e.Str("type"));
        var trigger = e["event"]!["variables"]!["trigger"]!;
        Assert.AreEqual("state", trigger.Str("platform"));
        Assert.AreEqual("0", trigger.Str("id"));
        Assert.AreEqual("binary_sensor.hallway_motion", trigger.Str("entity_id"));
        Assert.AreEqual("off", trigger.Str("from_state/state"));
        Assert.AreEqual("on", trigger.Str("to_state/state"));
        Assert.AreEqual("state of binary_sensor.hallway_motion", trigger.Str("description"));
        Assert.AreEqual(trigger.Str("to_state/context/id"), e.Str("event/context/id"));
    }
}
