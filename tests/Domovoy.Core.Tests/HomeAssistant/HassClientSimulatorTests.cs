using System.Collections.Concurrent;
using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.HomeAssistant.Client;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Tests.HomeAssistant;

/// <summary>The real client against the Home Assistant simulator (loopback only).</summary>
[TestClass]
public sealed class HassClientSimulatorTests
{
    private static readonly TimeSpan Patience = SimulatorHarness.Patience;

    [TestMethod]
    public async Task Connects_negotiates_coalescing_and_fills_the_cache()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();

        Assert.AreEqual("supported_features", h.Simulator.ReceivedCommandTypes[0]);
        var expected = JsonDocument.Parse(h.Simulator.GetStatesJson()).RootElement.GetArrayLength();
        Assert.AreEqual(expected, h.Cache.Count);
        Assert.IsNotNull(h.Cache.GetState("switch.coffee_maker"));
        Assert.IsNotNull(h.Client.Config);
        Assert.AreEqual(HassConnectionState.Ready, h.Client.State);
    }

    [TestMethod]
    public async Task Bad_token_is_fatal_after_exactly_one_auth_attempt_and_never_logged()
    {
        const string Token = "wrong-token-7f3a9c-SECRET";
        await using var h = await SimulatorHarness.CreateAsync(o =>
        {
            o.AccessToken = Token;
            o.TokenSource = "token_env HASS_TOKEN";
        });
        h.Simulator.ResetCounters();
        var run = h.Client.RunAsync(CancellationToken.None);

        var ex = await Assert.ThrowsExactlyAsync<HassAuthenticationException>(() => run.WaitAsync(Patience));
        await Assert.ThrowsExactlyAsync<HassAuthenticationException>(() => h.Client.Ready.WaitAsync(Patience));
        Assert.AreEqual(1, h.Simulator.FailedLogins);
        Assert.AreEqual(HassConnectionState.Stopped, h.Client.State);
        Assert.DoesNotContain(Token, ex.Message);
        Assert.DoesNotContain(Token, ex.ToString());
        Assert.DoesNotContain(Token, h.Log.AllText);
        var critical = h.Log.Lines.Where(l => l.Level == LogLevel.Critical).ToList();
        Assert.HasCount(1, critical, "the auth failure is printed once");
        StringAssert.Contains(critical[0].Text, "auth_invalid");
        StringAssert.Contains(critical[0].Text, "token_env HASS_TOKEN", "the message names the token source actually used");
    }

    [TestMethod]
    public async Task State_changes_and_events_reach_subscribers()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        var change = new TaskCompletionSource<(EntityState? Old, EntityState? New)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var s = h.Cache.SubscribeEntity("switch.garden_pump", (o, n) => change.TrySetResult((o, n)));
        var custom = new TaskCompletionSource<HassEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var e = h.Cache.SubscribeEvents(["my_custom_event"], ev => custom.TrySetResult(ev));

        var before = h.Cache.GetState("switch.garden_pump")!.State;
        var target = before == "on" ? "off" : "on";
        await h.Simulator.SetStateAsync("switch.garden_pump", target);
        await h.Simulator.FireEventAsync("my_custom_event", new { answer = 42 });

        var (old, @new) = await change.Task.WaitAsync(Patience);
        Assert.AreEqual(before, old!.State);
        Assert.AreEqual(target, @new!.State);
        Assert.AreEqual(target, h.Cache.GetState("switch.garden_pump")!.State);
        var ev = await custom.Task.WaitAsync(Patience);
        Assert.AreEqual(42, ev.Data.GetProperty("answer").GetInt32());
    }

    [TestMethod]
    public async Task Command_errors_carry_code_and_translation()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        var fields = HassCommandBuilder.CallService("light", "does_not_exist", null, null, false);
        var ex = await Assert.ThrowsExactlyAsync<HassCommandException>(() => h.Client.SendCommandAsync("call_service", fields));
        Assert.AreEqual("not_found", ex.Code);
        Assert.AreEqual("service_not_found", ex.Error.TranslationKey);
    }

    [TestMethod]
    public async Task Restart_mid_session_reconnects_resubscribes_reconciles_and_fails_pending_fast()
    {
        await using var h = await SimulatorHarness.CreateAsync(o => o.CommandTimeout = TimeSpan.FromSeconds(120));
        await h.StartAsync();

        var changes = new ConcurrentQueue<(string Id, string? Old, string? New)>();
        foreach (var id in new[] { "switch.garden_pump", "binary_sensor.front_door", "input_boolean.guest_mode", "sensor.appeared" })
        {
            h.Cache.SubscribeEntity(id, (o, n) => changes.Enqueue((id, o?.State, n?.State)));
        }

        var triggerFired = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var trigger = JsonDocument.Parse("""{"platform":"state","entity_id":"input_boolean.guest_mode"}""").RootElement.Clone();
        await h.Client.SubscribeAsync("subscribe_trigger", HassCommandBuilder.SubscribeTrigger(trigger), ev => triggerFired.TrySetResult(ev));

        var pumpBefore = h.Cache.GetState("switch.garden_pump")!.State;
        var pumpAfter = pumpBefore == "on" ? "off" : "on";

        // A command left pending when the connection drops must fail at once, not after the 120 s timeout.
        h.Simulator.WithholdResults(true);
        var pending = h.Client.SendCommandAsync("get_config");
        await h.Simulator.WaitForCommandAsync("get_config", 2).WaitAsync(Patience);
        h.Simulator.WithholdResults(false);

        var disconnected = h.WaitForStateAsync(e => e.State == HassConnectionState.Disconnected);
        var restart = h.Simulator.RestartAsync(TimeSpan.FromSeconds(1));
        await Assert.ThrowsExactlyAsync<HassConnectionException>(() => pending.WaitAsync(TimeSpan.FromSeconds(30)));
        await disconnected;

        // Changes while Home Assistant is down.
        await h.Simulator.SetStateAsync("switch.garden_pump", pumpAfter);
        await h.Simulator.RemoveStateAsync("binary_sensor.front_door");
        await h.Simulator.SetStateAsync("sensor.appeared", "17");
        await restart.WaitAsync(Patience);
        await h.WaitForReadyCountAsync(2);

        var byId = changes.ToArray().GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.ToList());
        Assert.HasCount(1, byId["switch.garden_pump"]);
        Assert.AreEqual((pumpBefore, pumpAfter), (byId["switch.garden_pump"][0].Old, byId["switch.garden_pump"][0].New));
        Assert.HasCount(1, byId["binary_sensor.front_door"]);
        Assert.IsNull(byId["binary_sensor.front_door"][0].New);
        Assert.HasCount(1, byId["sensor.appeared"]);
        Assert.AreEqual("17", byId["sensor.appeared"][0].New);
        Assert.IsFalse(byId.ContainsKey("input_boolean.guest_mode"));
        Assert.IsNull(h.Cache.GetState("binary_sensor.front_door"));
        Assert.AreEqual(pumpAfter, h.Cache.GetState("switch.garden_pump")!.State);

        // Subscriptions were re-issued on the new connection: both the event feed and the trigger work.
        var guest = h.Cache.GetState("input_boolean.guest_mode")!.State == "on" ? "off" : "on";
        await h.Simulator.SetStateAsync("input_boolean.guest_mode", guest);
        var fired = await triggerFired.Task.WaitAsync(Patience);
        Assert.AreEqual(guest, fired.GetProperty("variables").GetProperty("trigger").GetProperty("to_state").GetProperty("state").GetString());
        var guestChange = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var g = h.Cache.SubscribeEntity("input_boolean.guest_mode", (_, n) => guestChange.TrySetResult());
        if (h.Cache.GetState("input_boolean.guest_mode")!.State != guest)
        {
            await guestChange.Task.WaitAsync(Patience);
        }

        Assert.AreEqual(guest, h.Cache.GetState("input_boolean.guest_mode")!.State);
    }

    [TestMethod]
    public async Task Coalesced_frames_deliver_every_message_in_order()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        const int Count = 300;
        var seen = new ConcurrentQueue<string>();
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var s = h.Cache.SubscribeEntity("sensor.burst", (_, n) =>
        {
            seen.Enqueue(n!.State);
            if (n.State == (Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                last.TrySetResult();
            }
        });

        for (var i = 0; i < Count; i++)
        {
            await h.Simulator.SetStateAsync("sensor.burst", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await last.Task.WaitAsync(Patience);
        CollectionAssert.AreEqual(Enumerable.Range(0, Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), seen.ToArray());
        Assert.IsGreaterThan(0L, h.Client.ArrayFramesReceived, "the simulator should have coalesced some of the burst into array frames");
    }

    [TestMethod]
    public async Task A_20_MB_get_states_result_is_reassembled()
    {
        const int Entities = 2_000;
        var big = new string('x', 10_000);
        await using var h = await SimulatorHarness.CreateAsync(seed: async sim =>
        {
            for (var i = 0; i < Entities; i++)
            {
                await sim.SetStateAsync($"sensor.big_{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, object?> { ["blob"] = big });
            }
        });
        Assert.IsGreaterThan(20_000_000, h.Simulator.GetStatesJson().Length);

        await h.StartAsync();
        Assert.AreEqual("1999", h.Cache.GetState("sensor.big_1999")!.State);
        Assert.AreEqual(big, h.Cache.GetState("sensor.big_7")!.GetAttribute<string>("blob"));
        var again = await h.Client.SendCommandAsync("get_states");
        Assert.IsGreaterThanOrEqualTo(Entities, again.GetArrayLength());
    }

    [TestMethod]
    public async Task Eight_concurrent_senders_never_reuse_ids()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        const int PerSender = 60;
        var senders = Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                var type = (i % 3) switch { 0 => "ping", 1 => "get_config", _ => "call_service" };
                if (type == "call_service")
                {
                    await h.Client.SendCommandAsync(type, HassCommandBuilder.CallService("switch", "toggle", new ServiceTarget { EntityIds = ["switch.coffee_maker"] }, null, false));
                }
                else
                {
                    await h.Client.SendCommandAsync(type);
                }
            }
        })).ToArray();

        await Task.WhenAll(senders).WaitAsync(Patience);
        Assert.AreEqual(1L, h.Client.ReadyCount, "no reconnect happened");
        Assert.AreEqual(HassConnectionState.Ready, h.Client.State);
    }

    [TestMethod]
    public async Task Malformed_json_from_the_server_is_logged_and_the_client_reconnects()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        var logged = h.Log.WaitForAsync(l => l.Level == LogLevel.Error && l.Text.Contains("malformed JSON", StringComparison.Ordinal));

        await h.Simulator.SendRawTextAsync("{\"id\": 5, \"type\": \"result\", oops");

        await logged.WaitAsync(Patience);
        await h.WaitForReadyCountAsync(2);
        var config = await h.Client.SendCommandAsync("get_config");
        Assert.AreEqual("RUNNING", config.GetProperty("state").GetString());
        Assert.IsFalse(h.Run!.IsCompleted);
    }

    [TestMethod]
    public async Task Missing_pong_drops_the_connection_and_reconnects()
    {
        await using var h = await SimulatorHarness.CreateAsync(o =>
        {
            o.PingInterval = TimeSpan.FromMilliseconds(200);
            o.PongTimeout = TimeSpan.FromMilliseconds(500);
            o.CommandTimeout = TimeSpan.FromSeconds(2);
        });
        await h.StartAsync();
        var dropped = h.WaitForStateAsync(e => e.State == HassConnectionState.Disconnected && e.Error?.Message.Contains("ping", StringComparison.Ordinal) == true);

        h.Simulator.WithholdResults(true);
        await dropped;
        h.Simulator.WithholdResults(false);

        await h.WaitForReadyCountAsync(2);
        Assert.AreEqual(HassConnectionState.Ready, h.Client.State);
    }

    [TestMethod]
    public async Task Command_times_out_when_no_result_arrives()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        h.Simulator.WithholdResults(true);
        var ex = await Assert.ThrowsExactlyAsync<TimeoutException>(() => h.Client.SendCommandAsync("get_config", timeout: TimeSpan.FromMilliseconds(300)));
        StringAssert.Contains(ex.Message, "get_config");
        h.Simulator.WithholdResults(false);
    }

    [TestMethod]
    public async Task Waits_for_homeassistant_started_when_core_is_starting()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        h.Simulator.CoreState = "STARTING";
        var waiting = h.WaitForStateAsync(e => e.State == HassConnectionState.WaitingForStart);
        var ready = h.StartAsync();
        await waiting;
        Assert.IsFalse(h.Client.Ready.IsCompleted);

        h.Simulator.CoreState = "RUNNING";
        await h.Simulator.FireEventAsync("homeassistant_started");
        await ready;
        Assert.AreEqual(HassConnectionState.Ready, h.Client.State);
    }

    [TestMethod]
    public async Task Abrupt_drop_reissues_live_subscriptions_only_and_apps_keep_their_handlers()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        var kept = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var droppedCalls = 0;
        var keptTrigger = JsonDocument.Parse("""{"platform":"state","entity_id":"switch.coffee_maker"}""").RootElement.Clone();
        var goneTrigger = JsonDocument.Parse("""{"platform":"state","entity_id":"switch.garden_pump"}""").RootElement.Clone();
        await h.Client.SubscribeAsync("subscribe_trigger", HassCommandBuilder.SubscribeTrigger(keptTrigger), ev => kept.TrySetResult(ev));
        var gone = await h.Client.SubscribeAsync("subscribe_trigger", HassCommandBuilder.SubscribeTrigger(goneTrigger), _ => Interlocked.Increment(ref droppedCalls));
        await gone.UnsubscribeAsync();
        await h.Simulator.WaitForCommandAsync("unsubscribe_events").WaitAsync(Patience);
        h.Simulator.ResetCounters();

        h.Simulator.DropConnections();
        await h.WaitForReadyCountAsync(2);

        Assert.AreEqual(1, h.Simulator.ReceivedCommandTypes.Count(t => t == "subscribe_trigger"), "only the live trigger is re-issued");
        Assert.AreEqual(1, h.Simulator.ReceivedCommandTypes.Count(t => t == "subscribe_events"), "the state feed is re-issued once");
        var pump = h.Cache.GetState("switch.garden_pump")!.State == "on" ? "off" : "on";
        var coffee = h.Cache.GetState("switch.coffee_maker")!.State == "on" ? "off" : "on";
        await h.Simulator.SetStateAsync("switch.garden_pump", pump);
        await h.Simulator.SetStateAsync("switch.coffee_maker", coffee);
        await kept.Task.WaitAsync(Patience);
        Assert.AreEqual(0, Volatile.Read(ref droppedCalls));
    }

    [TestMethod]
    public async Task Subscriptions_made_before_connecting_are_issued_on_connect()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var trigger = JsonDocument.Parse("""{"platform":"state","entity_id":"switch.coffee_maker"}""").RootElement.Clone();
        var subscription = await h.Client.SubscribeAsync("subscribe_trigger", HassCommandBuilder.SubscribeTrigger(trigger), _ => fired.TrySetResult());
        Assert.IsNull(subscription.CurrentId);
        await Assert.ThrowsExactlyAsync<HassConnectionException>(() => h.Client.SendCommandAsync("get_config", connectionWaitTimeout: TimeSpan.Zero));

        await h.StartAsync();
        Assert.IsNotNull(subscription.CurrentId);
        await h.Simulator.SetStateAsync("switch.coffee_maker", h.Cache.GetState("switch.coffee_maker")!.State == "on" ? "off" : "on");
        await fired.Task.WaitAsync(Patience);
    }

    [TestMethod]
    public async Task Slow_consumer_disconnect_reconnects()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        await h.Simulator.ForceSlowConsumerDisconnectAsync().WaitAsync(Patience);
        await h.WaitForReadyCountAsync(2);
        var config = await h.Client.SendCommandAsync("get_config");
        Assert.AreEqual("RUNNING", config.GetProperty("state").GetString());
    }

    [TestMethod]
    public async Task Many_subscriptions_are_reissued_pipelined_after_a_drop()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        const int Count = 200;
        var trigger = HassCommandBuilder.SubscribeTrigger(JsonDocument.Parse("""{"platform":"state","entity_id":"switch.coffee_maker"}""").RootElement.Clone());
        var fired = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Task.WhenAll(Enumerable.Range(0, Count).Select(_ => h.Client.SubscribeAsync("subscribe_trigger", trigger, _ =>
        {
            if (Interlocked.Increment(ref fired) == Count)
            {
                all.TrySetResult();
            }
        })));
        h.Simulator.ResetCounters();

        h.Simulator.DropConnections();
        await h.WaitForReadyCountAsync(2);

        Assert.AreEqual(Count, h.Simulator.ReceivedCommandTypes.Count(t => t == "subscribe_trigger"));
        await h.Simulator.SetStateAsync("switch.coffee_maker", h.Cache.GetState("switch.coffee_maker")!.State == "on" ? "off" : "on");
        await all.Task.WaitAsync(Patience);
    }
}
