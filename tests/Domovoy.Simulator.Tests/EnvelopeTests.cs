using System.Text.Json.Nodes;
using Domovoy.Simulator.Tests.Support;

namespace Domovoy.Simulator.Tests;

[TestClass]
public sealed class EnvelopeTests
{
    [TestMethod]
    public async Task Ping_gets_pong_not_a_result()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        await client.SendRawAsync("""{"id":19,"type":"ping"}""");

        Assert.AreEqual("""{"id":19,"type":"pong"}""", await client.ReceiveFrameAsync());
    }

    [TestMethod]
    public async Task Missing_id_is_invalid_format_with_null_id()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        await client.SendRawAsync("""{"type":"ping"}""");

        Assert.AreEqual(
            """{"id":null,"type":"result","success":false,"error":{"code":"invalid_format","message":"Message incorrectly formatted."}}""",
            await client.ReceiveFrameAsync());
    }

    [TestMethod]
    public async Task Reused_id_is_rejected_and_unknown_command_does_not_advance_last_id()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        await client.SendRawAsync("""{"id":5,"type":"ping"}""");
        Assert.AreEqual("pong", JsonNode.Parse((await client.ReceiveFrameAsync())!)!.Str("type"));
        await client.SendRawAsync("""{"id":5,"type":"ping"}""");
        Assert.AreEqual(
            """{"id":5,"type":"result","success":false,"error":{"code":"id_reuse","message":"Identifier values have to increase."}}""",
            await client.ReceiveFrameAsync());

        await client.SendRawAsync("""{"id":9,"type":"supervisor/api"}""");
        Assert.AreEqual(
            """{"id":9,"type":"result","success":false,"error":{"code":"unknown_command","message":"Unknown command."}}""",
            await client.ReceiveFrameAsync());
        await client.SendRawAsync("""{"id":9,"type":"ping"}""");
        Assert.AreEqual("""{"id":9,"type":"pong"}""", await client.ReceiveFrameAsync());
    }

    [TestMethod]
    public async Task Failed_schema_still_advances_last_id()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        var error = await client.CommandAsync(new JsonObject { ["id"] = 3, ["type"] = "get_states", ["foo"] = "bar" });
        Assert.AreEqual("invalid_format", error.Str("error/code"));
        Assert.AreEqual("extra keys not allowed @ data['foo']. Got 'bar'", error.Str("error/message"));

        var reuse = await client.CommandAsync(new JsonObject { ["id"] = 3, ["type"] = "get_states" });
        Assert.AreEqual("id_reuse", reuse.Str("error/code"));
    }

    [TestMethod]
    public async Task Array_frame_commands_are_handled_in_order()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        await client.SendRawAsync("""[{"id":2,"type":"ping"},{"id":3,"type":"ping"}]""");

        Assert.AreEqual(2, (await client.ReceiveAsync())["id"]!.GetValue<int>());
        Assert.AreEqual(3, (await client.ReceiveAsync())["id"]!.GetValue<int>());
        Assert.AreEqual(2L, sim.CommandsReceived);
        CollectionAssert.AreEqual(new[] { "ping", "ping" }, sim.ReceivedCommandTypes.ToArray());
    }

    [TestMethod]
    public async Task Invalid_json_in_command_phase_closes_the_socket()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        await client.SendRawAsync("{\"id\":2,");

        Assert.IsTrue(await client.WaitForCloseAsync());
        await sim.WaitForConnectionCountAsync(0, Sim.Timeout());
    }

    [TestMethod]
    public async Task Coalescing_batches_a_commands_output_into_one_array_but_single_messages_stay_objects()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim, coalesce: true);
        await client.CommandAsync(new JsonObject { ["type"] = "subscribe_events", ["event_type"] = "state_changed" });

        var pingId = await client.SendAsync(new JsonObject { ["type"] = "ping" });
        var pingFrame = await client.ReceiveFrameAsync();
        Assert.AreEqual($$"""{"id":{{pingId}},"type":"pong"}""", pingFrame);

        await client.SendAsync(new JsonObject
        {
            ["type"] = "call_service",
            ["domain"] = "light",
            ["service"] = "turn_off",
            ["target"] = new JsonObject { ["entity_id"] = "light.kitchen" },
        });
        var frame = JsonNode.Parse((await client.ReceiveFrameAsync())!);
        Assert.IsInstanceOfType<JsonArray>(frame);
        var batch = (JsonArray)frame!;
        Assert.AreEqual(2, batch.Count, frame.ToJsonString());
        Assert.AreEqual("event", batch[0]!.Str("type"));
        Assert.AreEqual("result", batch[1]!.Str("type"));
    }

    [TestMethod]
    public async Task Without_coalescing_every_message_is_its_own_frame()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        await client.CommandAsync(new JsonObject { ["type"] = "subscribe_events" });
        var before = client.RawFrames.Count;

        await client.CommandAsync(new JsonObject { ["type"] = "call_service", ["domain"] = "switch", ["service"] = "turn_on", ["service_data"] = new JsonObject { ["entity_id"] = "switch.coffee_maker" } });

        var frames = client.RawFrames.Skip(before).ToList();
        Assert.AreEqual(3, frames.Count);
        Assert.IsTrue(frames.All(f => f.StartsWith('{')));
    }
}
