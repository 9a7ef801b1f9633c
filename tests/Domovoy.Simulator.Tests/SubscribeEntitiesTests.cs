using System.Text.Json.Nodes;
using Domovoy.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Domovoy.Simulator.Tests;

[TestClass]
public sealed class SubscribeEntitiesTests
{
    [TestMethod]
    public async Task Result_then_initial_map_then_add_change_remove_diffs()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 5, 10, 0, 0, TimeSpan.Zero));
        await using var sim = await Sim.StartAsync(o => o.TimeProvider = clock);
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        var id = await client.SendAsync(new JsonObject { ["type"] = "subscribe_entities", ["entity_ids"] = new JsonArray("light.kitchen", "sensor.extra") });
        var result = await client.ReceiveAsync();
        Assert.AreEqual("result", result.Str("type"));
        Assert.AreEqual(id, result["id"]!.GetValue<int>());

        var initial = await client.ReceiveAsync();
        Assert.AreEqual(id, initial["id"]!.GetValue<int>());
        var kitchen = initial["event"]!["a"]!["light.kitchen"]!.AsObject();
        Assert.AreEqual(1, initial["event"]!["a"]!.AsObject().Count);
        Assert.AreEqual("on", kitchen["s"]!.GetValue<string>());
        Assert.AreEqual(1736071200d, kitchen["lc"]!.GetValue<double>());
        Assert.IsFalse(kitchen.ContainsKey("lu"), "lu is omitted when equal to lc");
        Assert.AreEqual(26, kitchen["c"]!.GetValue<string>().Length, "a bare context id when parent/user are null");

        // State change by a service call: lc moves, context has a user so it becomes an object, brightness nulls.
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var call = await client.SendAsync(new JsonObject
        {
            ["type"] = "call_service", ["domain"] = "light", ["service"] = "turn_off", ["target"] = new JsonObject { ["entity_id"] = "light.kitchen" },
        });
        var changed = await client.ReceiveAsync();
        var callResult = await client.ReceiveAsync();
        Assert.AreEqual(call, callResult["id"]!.GetValue<int>());
        var plus = changed["event"]!["c"]!["light.kitchen"]!["+"]!.AsObject();
        Assert.AreEqual("off", plus["s"]!.GetValue<string>());
        Assert.AreEqual(1736071201.5d, plus["lc"]!.GetValue<double>());
        Assert.IsFalse(plus.ContainsKey("lu"));
        Assert.AreEqual(callResult.Str("result/context/id"), plus["c"]!["id"]!.GetValue<string>());
        Assert.IsNotNull(plus["c"]!["user_id"]);
        Assert.AreEqual("""{"color_mode":null,"brightness":null}""", plus["a"]!.ToJsonString());

        // Attribute-only change: lu, not lc; context back to a bare id (user_id changed to null).
        clock.Advance(TimeSpan.FromSeconds(1));
        await sim.SetStateAsync("light.kitchen", "off", new Dictionary<string, object?> { ["friendly_name"] = "Kitchen Light", ["extra"] = 1 });
        var attrs = (await client.ReceiveAsync())["event"]!["c"]!["light.kitchen"]!;
        Assert.IsFalse(attrs["+"]!.AsObject().ContainsKey("s"));
        Assert.IsFalse(attrs["+"]!.AsObject().ContainsKey("lc"));
        Assert.AreEqual(1736071202.5d, attrs["+"]!["lu"]!.GetValue<double>());
        Assert.AreEqual("""{"extra":1}""", attrs["+"]!["a"]!.ToJsonString());
        Assert.AreEqual("""["supported_color_modes","color_mode","brightness","supported_features"]""", attrs["-"]!["a"]!.ToJsonString());
        Assert.IsInstanceOfType<JsonObject>(attrs["+"]!["c"], "user_id went back to null, so a context object");

        // Identical write: no diff at all. Then add and remove an entity.
        await sim.SetStateAsync("light.kitchen", "off");
        await sim.SetStateAsync("sensor.extra", "1");
        var added = await client.ReceiveAsync();
        Assert.AreEqual("1", added["event"]!["a"]!["sensor.extra"]!["s"]!.GetValue<string>());
        await sim.RemoveStateAsync("sensor.extra");
        Assert.AreEqual("""{"r":["sensor.extra"]}""", (await client.ReceiveAsync())["event"]!.ToJsonString());
    }

    [TestMethod]
    public async Task Timestamps_are_python_isoformat_without_zero_fraction()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 5, 10, 0, 0, TimeSpan.Zero));
        await using var sim = await Sim.StartAsync(o => o.TimeProvider = clock);
        clock.Advance(TimeSpan.FromTicks(1_234_560));
        await sim.SetStateAsync("sensor.t", "1");

        var state = JsonNode.Parse(sim.GetStateJson("sensor.t")!)!;
        var demo = JsonNode.Parse(sim.GetStateJson("light.kitchen")!)!;

        Assert.AreEqual("2025-01-05T10:00:00.123456+00:00", state.Str("last_changed"));
        Assert.AreEqual("2025-01-05T10:00:00+00:00", demo.Str("last_changed"));
    }

    [TestMethod]
    public async Task Same_state_and_attributes_only_bumps_last_reported()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 5, 10, 0, 0, TimeSpan.Zero));
        await using var sim = await Sim.StartAsync(o => o.TimeProvider = clock);
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        await client.CommandAsync(new JsonObject { ["type"] = "subscribe_events" });

        clock.Advance(TimeSpan.FromSeconds(3));
        await sim.SetStateAsync("switch.garden_pump", "off");
        await sim.SetStateAsync("switch.garden_pump", "on");

        var e = await client.ReceiveAsync();
        Assert.AreEqual("on", e.Str("event/data/new_state/state"), "the identical write fired nothing");
        Assert.AreEqual("2025-01-05T10:00:03+00:00", e.Str("event/data/old_state/last_reported"));
        Assert.AreEqual("2025-01-05T10:00:00+00:00", e.Str("event/data/old_state/last_changed"));
    }
}
