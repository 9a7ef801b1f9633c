using System.Text.Json.Nodes;
using Domovoy.Simulator.Tests.Support;

namespace Domovoy.Simulator.Tests;

[TestClass]
public sealed class TemplateAndScriptTests
{
    [TestMethod]
    public async Task Render_template_sends_result_then_renders_and_rerenders_on_change()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        var id = await client.SendAsync(new JsonObject { ["type"] = "render_template", ["template"] = "{{ states('sensor.outdoor_temperature') }}" });
        Assert.IsTrue((await client.ReceiveAsync())["success"]!.GetValue<bool>());
        var first = await client.ReceiveAsync();
        Assert.AreEqual(id, first["id"]!.GetValue<int>());
        Assert.AreEqual(8.3, first["event"]!["result"]!.GetValue<double>());
        Assert.AreEqual("""{"all":false,"domains":[],"entities":["sensor.outdoor_temperature"],"time":false}""", first["event"]!["listeners"]!.ToJsonString());

        await sim.SetStateAsync("sensor.outdoor_temperature", "9.1");
        Assert.AreEqual(9.1, (await client.ReceiveAsync())["event"]!["result"]!.GetValue<double>());
    }

    [TestMethod]
    public async Task Unsupported_template_is_a_template_error()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        var reply = await client.CommandAsync(new JsonObject { ["type"] = "render_template", ["template"] = "{{ now() }}" });

        Assert.AreEqual("template_error", reply.Str("error/code"));
    }

    [TestMethod]
    public async Task Execute_script_returns_the_response_variable_from_stop()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        var reply = await client.CommandAsync(new JsonObject
        {
            ["type"] = "execute_script",
            ["sequence"] = new JsonArray(
                new JsonObject { ["service"] = "simulator.echo", ["data"] = new JsonObject { ["q"] = "hi" }, ["response_variable"] = "service_result" },
                new JsonObject { ["stop"] = "done", ["response_variable"] = "service_result" }),
        });

        Assert.IsTrue(reply["success"]!.GetValue<bool>(), reply.ToJsonString());
        Assert.AreEqual("""{"data":{"q":"hi"}}""", reply["result"]!["response"]!.ToJsonString());
        Assert.AreEqual(26, reply.Str("result/context/id").Length);
    }

    [TestMethod]
    public async Task Unsubscribe_events_cancels_entity_and_template_subscriptions()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        var entities = await client.SendAsync(new JsonObject { ["type"] = "subscribe_entities", ["entity_ids"] = new JsonArray("switch.garden_pump") });
        await client.ReceiveAsync();
        await client.ReceiveAsync();

        var ok = await client.CommandAsync(new JsonObject { ["type"] = "unsubscribe_events", ["subscription"] = entities });
        Assert.IsTrue(ok["success"]!.GetValue<bool>());
        await sim.SetStateAsync("switch.garden_pump", "on");
        var pong = await client.CommandAsync(new JsonObject { ["type"] = "ping" });

        Assert.AreEqual("pong", pong.Str("type"));
        Assert.AreEqual(0, client.RawFrames.Count(f => f.Contains("\"c\":{\"switch.garden_pump\"", StringComparison.Ordinal)), "no diff after unsubscribe");
    }
}
