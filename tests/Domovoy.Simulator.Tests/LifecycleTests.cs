using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Domovoy.Simulator.Tests.Support;

namespace Domovoy.Simulator.Tests;

[TestClass]
public sealed class LifecycleTests
{
    [TestMethod]
    public async Task Restart_sends_stop_closes_refuses_then_comes_back_starting_and_fires_start_events()
    {
        // Generous phases so a loaded machine still observes each one; nothing here sleeps for them.
        await using var sim = await Sim.StartAsync(o => o.StartingPhase = TimeSpan.FromSeconds(4));
        var port = sim.BaseUri.Port;
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        await client.CommandAsync(new JsonObject { ["type"] = "subscribe_events" });

        var restart = sim.RestartAsync(TimeSpan.FromSeconds(2));

        var stop = await client.ReceiveAsync();
        Assert.AreEqual("homeassistant_stop", stop.Str("event/event_type"));
        Assert.IsTrue(await client.WaitForCloseAsync());

        await sim.WaitForCoreStateAsync("NOT_RUNNING", Sim.Timeout());
        await Assert.ThrowsAsync<WebSocketException>(async () => await WsTestClient.ConnectAsync(sim));

        await sim.WaitForCoreStateAsync("STARTING", Sim.Timeout());
        await using var again = await ConnectWhenListeningAsync(sim);
        Assert.AreEqual(port, sim.BaseUri.Port);
        var config = await again.CommandAsync(new JsonObject { ["type"] = "get_config" });
        Assert.AreEqual("STARTING", config.Str("result/state"));
        await again.CommandAsync(new JsonObject { ["type"] = "subscribe_events" });

        Assert.AreEqual("homeassistant_start", (await again.ReceiveAsync()).Str("event/event_type"));
        Assert.AreEqual("homeassistant_started", (await again.ReceiveAsync()).Str("event/event_type"));
        await restart.WaitAsync(Sim.Timeout());
        Assert.AreEqual("RUNNING", (await again.CommandAsync(new JsonObject { ["type"] = "get_config" })).Str("result/state"));
    }

    [TestMethod]
    public async Task A_split_restart_stays_starting_until_a_client_has_seen_it_then_runs_the_callers_step_first()
    {
        await using var sim = await Sim.StartAsync();
        await sim.ShutDownAsync(Sim.Timeout());
        Assert.AreEqual("NOT_RUNNING", sim.CoreState);
        await Assert.ThrowsAsync<WebSocketException>(async () => await WsTestClient.ConnectAsync(sim));
        await sim.SetStateAsync("input_boolean.guest_mode", "on");

        var stepRan = false;
        var startUp = sim.StartUpAsync(ReconnectTiming.WhileStarting, () =>
        {
            stepRan = sim.CoreState == "STARTING";
            return Task.CompletedTask;
        }, Sim.Timeout());
        await using var client = await ConnectWhenListeningAsync(sim);
        await client.CommandAsync(new JsonObject { ["type"] = "subscribe_events" });
        var config = await client.CommandAsync(new JsonObject { ["type"] = "get_config" });
        Assert.AreEqual("STARTING", config.Str("result/state"));

        Assert.AreEqual("homeassistant_start", (await client.ReceiveAsync()).Str("event/event_type"));
        Assert.AreEqual("homeassistant_started", (await client.ReceiveAsync()).Str("event/event_type"));
        await startUp;
        Assert.IsTrue(stepRan, "the step ran while STARTING");
        Assert.AreEqual("on", sim.GetState("input_boolean.guest_mode"), "a state written while down is kept");
    }

    [TestMethod]
    public async Task A_split_restart_after_running_listens_only_once_running()
    {
        await using var sim = await Sim.StartAsync();
        await sim.ShutDownAsync(Sim.Timeout());

        await sim.StartUpAsync(ReconnectTiming.AfterRunning, ct: Sim.Timeout());

        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        Assert.AreEqual("RUNNING", (await client.CommandAsync(new JsonObject { ["type"] = "get_config" })).Str("result/state"));
    }

    [TestMethod]
    public async Task Homeassistant_restart_service_answers_then_restarts()
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.ServiceRestartDowntime = TimeSpan.FromMilliseconds(100);
            o.StartingPhase = TimeSpan.FromMilliseconds(100);
        });
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        var reply = await client.CommandAsync(new JsonObject { ["type"] = "call_service", ["domain"] = "homeassistant", ["service"] = "restart" });

        Assert.IsTrue(reply["success"]!.GetValue<bool>());
        Assert.IsTrue(await client.WaitForCloseAsync());

        // STOPPING was set before the close, so RUNNING now means the restart completed.
        await sim.WaitForCoreStateAsync("RUNNING", Sim.Timeout());
        await using var again = await ConnectWhenListeningAsync(sim);
    }

    [TestMethod]
    public async Task Drop_connections_aborts_without_a_close_frame()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        sim.DropConnections();

        Assert.IsFalse(await client.WaitForCloseAsync(), "expected an abort, not a close handshake");
        await sim.WaitForConnectionCountAsync(0, Sim.Timeout());
    }

    [TestMethod]
    public async Task Slow_consumer_is_disconnected()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);
        await sim.WaitForConnectionCountAsync(1, Sim.Timeout());

        await sim.ForceSlowConsumerDisconnectAsync().WaitAsync(Sim.Timeout());

        Assert.IsTrue(await client.WaitForCloseAsync());
        await sim.WaitForConnectionCountAsync(0, Sim.Timeout());
    }

    [TestMethod]
    public async Task Withheld_results_never_arrive_and_delayed_results_arrive_late()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAuthenticatedAsync(sim);

        sim.WithholdResults(true);
        await client.SendRawAsync("""{"id":2,"type":"ping"}""");
        await sim.WaitForCommandAsync("ping", Sim.Timeout());
        sim.WithholdResults(false);
        await client.SendRawAsync("""{"id":3,"type":"ping"}""");
        Assert.AreEqual("""{"id":3,"type":"pong"}""", await client.ReceiveFrameAsync(), "the first ping was never answered");

        sim.ResultDelay = TimeSpan.FromMilliseconds(300);
        var watch = Stopwatch.StartNew();
        await client.CommandAsync(new JsonObject { ["id"] = 4, ["type"] = "ping" });
        Assert.IsTrue(watch.Elapsed >= TimeSpan.FromMilliseconds(290), watch.Elapsed.ToString());
    }

    [TestMethod]
    public async Task Raw_text_reaches_every_client()
    {
        await using var sim = await Sim.StartAsync();
        await using var a = await WsTestClient.ConnectAuthenticatedAsync(sim);
        await using var b = await WsTestClient.ConnectAuthenticatedAsync(sim);

        await sim.SendRawTextAsync("{oops");

        Assert.AreEqual("{oops", await a.ReceiveFrameAsync());
        Assert.AreEqual("{oops", await b.ReceiveFrameAsync());
    }

    private static async Task<WsTestClient> ConnectWhenListeningAsync(HomeAssistantSimulator sim)
    {
        // The listener comes back a moment after the state flips; retry refused connects within the test timeout.
        using var timeout = new CancellationTokenSource(WsTestClient.Timeout);
        while (true)
        {
            try
            {
                return await WsTestClient.ConnectAuthenticatedAsync(sim);
            }
            catch (WebSocketException) when (!timeout.IsCancellationRequested)
            {
                await Task.Delay(50, timeout.Token);
            }
        }
    }
}
