using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.HomeAssistant.Apps;
using Microsoft.Extensions.Logging;

using Domovoy.Core.Tests.Infrastructure;

namespace Domovoy.Core.Tests.HomeAssistant;

/// <summary>The per-app Hass plugin, against the simulator, with a real app runtime and queue.</summary>
[TestClass]
public sealed class AppHassTests
{
    private static readonly TimeSpan Patience = SimulatorHarness.Patience;

    [TestMethod]
    public async Task Reads_come_from_the_cache()
    {
        await using var f = await Fixture.CreateAsync();
        var pump = new SwitchEntity("switch.garden_pump");
        Assert.AreEqual(f.H.Cache.GetState("switch.garden_pump")!.State == "on", f.Plugin.GetState(pump));
        Assert.AreEqual("switch.garden_pump", f.Plugin.GetFullState(pump).EntityId);
        Assert.ThrowsExactly<UnknownEntityException>(() => f.Plugin.GetFullState(new SwitchEntity("switch.nope")));
        Assert.IsNull(f.Plugin.TryGetFullState("switch.nope"));
        Assert.AreEqual(f.H.Cache.Count, f.Plugin.GetAllEntities().Count);
        CollectionAssert.Contains(f.Plugin.GetAllEntityIds().ToList(), "sun.sun");

        await f.H.Simulator.SetStateAsync("sensor.attr_a", "1", new Dictionary<string, object?> { ["room"] = "attic", ["n"] = 3 });
        await f.H.Simulator.SetStateAsync("sensor.attr_b", "1", new Dictionary<string, object?> { ["room"] = "cellar" });
        await f.WaitForStateAsync("sensor.attr_b");
        CollectionAssert.AreEqual(new[] { "sensor.attr_a" }, f.Plugin.GetEntityIdsByAttribute("room", "attic").ToArray());
        CollectionAssert.AreEqual(new[] { "sensor.attr_a" }, f.Plugin.GetEntityIdsByAttribute("n", 3).ToArray());
        CollectionAssert.IsSubsetOf(new[] { "sensor.attr_a", "sensor.attr_b" }, f.Plugin.GetEntityIdsByAttribute("room").ToArray());
    }

    [TestMethod]
    public async Task Call_service_succeeds_with_context_and_response()
    {
        await using var f = await Fixture.CreateAsync();
        var result = await f.Plugin.CallServiceAsync("switch", "turn_on", new SwitchEntity("switch.garden_pump"));
        Assert.IsTrue(result.Success);
        Assert.IsNotNull(result.Context);
        Assert.AreEqual("on", f.H.Simulator.GetState("switch.garden_pump"));

        var echo = await f.Plugin.CallServiceAsync("simulator", "echo", data: new { text = "hi", nothing = (string?)null }, returnResponse: true);
        Assert.IsTrue(echo.Success);
        var data = echo.Response!.Value.GetProperty("data");
        Assert.AreEqual("hi", data.GetProperty("text").GetString());
        Assert.IsFalse(data.TryGetProperty("nothing", out _), "null members are omitted");
    }

    [TestMethod]
    public async Task Call_service_errors_are_logged_and_returned_by_default_and_thrown_on_request_or_while_initializing()
    {
        await using var f = await Fixture.CreateAsync();
        f.Runtime.Status = AppStatus.Running;
        var result = await f.Plugin.CallServiceAsync("light", "nope");
        Assert.IsFalse(result.Success);
        Assert.AreEqual("not_found", result.Error!.Code);
        Assert.IsTrue(f.AppLogs.Lines.Any(l => l.Level == LogLevel.Error && l.Text.Contains("test-app", StringComparison.Ordinal) && l.Text.Contains("light.nope", StringComparison.Ordinal)));

        await Assert.ThrowsExactlyAsync<HassCommandException>(() => f.Plugin.CallServiceAsync("light", "nope", throwOnError: true));
        f.Runtime.Status = AppStatus.Initializing;
        var ex = await Assert.ThrowsExactlyAsync<HassCommandException>(() => f.Plugin.CallServiceAsync("light", "nope"));
        Assert.AreEqual("not_found", ex.Code);
    }

    [TestMethod]
    public async Task Fire_event_raw_commands_and_service_definitions()
    {
        await using var f = await Fixture.CreateAsync();
        var seen = new TaskCompletionSource<HassEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var s = f.H.Cache.SubscribeEvents(["domovoy_test"], e => seen.TrySetResult(e));
        await f.Plugin.FireEventAsync("domovoy_test", new { value = 7 });
        Assert.AreEqual(7, (await seen.Task.WaitAsync(Patience)).Data.GetProperty("value").GetInt32());

        var services = await f.Plugin.GetServiceDefinitionsAsync();
        Assert.IsTrue(services.GetProperty("light").TryGetProperty("turn_on", out _));
        var areas = await f.Plugin.SendRawCommandAsync("config/area_registry/list");
        Assert.AreEqual(JsonValueKind.Array, areas.ValueKind);
        var ex = await Assert.ThrowsExactlyAsync<HassCommandException>(() => f.Plugin.SendRawCommandAsync("no/such_command"));
        Assert.AreEqual("unknown_command", ex.Code);
    }

    [TestMethod]
    public async Task Trigger_is_delivered_on_the_app_queue_and_cancel_unsubscribes()
    {
        await using var f = await Fixture.CreateAsync();
        var fired = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = await f.Plugin.ListenTriggerAsync(new { platform = "state", entity_id = "binary_sensor.hallway_motion" }, (variables, _) =>
        {
            fired.TrySetResult(variables);
            return Task.CompletedTask;
        });
        Assert.IsTrue(f.Runtime.Callbacks.TryGet(id, out var registration));
        Assert.AreEqual(CallbackKind.Trigger, registration.Kind);

        var next = f.H.Cache.GetState("binary_sensor.hallway_motion")!.State == "on" ? "off" : "on";
        await f.H.Simulator.SetStateAsync("binary_sensor.hallway_motion", next);
        var variables = await fired.Task.WaitAsync(Patience);
        Assert.AreEqual(next, variables.GetProperty("trigger").GetProperty("to_state").GetProperty("state").GetString());

        Assert.IsTrue(f.Runtime.Callbacks.Cancel(id));
        await f.H.Simulator.WaitForCommandAsync("unsubscribe_events").WaitAsync(Patience);
    }

    [TestMethod]
    public async Task Finalize_cancels_triggers_and_completes_observables()
    {
        await using var f = await Fixture.CreateAsync();
        await f.Plugin.ListenTriggerAsync(new { platform = "state", entity_id = "switch.coffee_maker" }, (_, _) => Task.CompletedTask);
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var changes = new ConcurrentQueue<StateChange<bool?>>();
        var got = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sub = f.Plugin.StateChanges(new SwitchEntity("switch.garden_pump")).Subscribe(c =>
        {
            changes.Enqueue(c);
            got.TrySetResult();
        }, () => completed.TrySetResult());
        var events = new TaskCompletionSource<HassEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var eventsCompleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var evSub = f.Plugin.Events("obs_event").Subscribe(e => events.TrySetResult(e), () => eventsCompleted.TrySetResult());

        var next = f.H.Cache.GetState("switch.garden_pump")!.State == "on" ? "off" : "on";
        await f.H.Simulator.SetStateAsync("switch.garden_pump", next);
        await f.H.Simulator.FireEventAsync("obs_event");
        await got.Task.WaitAsync(Patience);
        await events.Task.WaitAsync(Patience);
        Assert.AreEqual(next == "on", changes.Single().New);

        await f.Runtime.StopCallbacksAsync(TimeSpan.FromSeconds(5));
        await completed.Task.WaitAsync(Patience);
        await eventsCompleted.Task.WaitAsync(Patience);
        await f.H.Simulator.WaitForCommandAsync("unsubscribe_events").WaitAsync(Patience);
        Assert.AreEqual(0, f.Runtime.Callbacks.ActiveCount);
    }

    [TestMethod]
    public async Task Disposing_an_observable_subscription_cancels_its_registration()
    {
        await using var f = await Fixture.CreateAsync();
        var events = f.Plugin.Events("x").Subscribe(_ => { });
        var changes = f.Plugin.StateChanges(new SwitchEntity("switch.garden_pump")).Subscribe(_ => { });
        Assert.AreEqual(2, f.Runtime.Callbacks.ActiveCount);
        events.Dispose();
        changes.Dispose();
        Assert.AreEqual(0, f.Runtime.Callbacks.Snapshot().Count, "a disposed subscription leaves the registry");
    }

    [TestMethod]
    public async Task Rejected_trigger_throws_and_leaves_no_registration()
    {
        await using var f = await Fixture.CreateAsync();
        var ex = await Assert.ThrowsExactlyAsync<HassCommandException>(() => f.Plugin.ListenTriggerAsync(new { platform = "bogus" }, (_, _) => Task.CompletedTask));
        Assert.AreEqual("invalid_format", ex.Code);
        Assert.AreEqual(0, f.Runtime.Callbacks.Snapshot().Count, "a failed trigger leaves nothing registered");
    }

    [TestMethod]
    public async Task While_disconnected_reads_serve_the_cache_and_calls_return_connection_lost()
    {
        await using var f = await Fixture.CreateAsync(o =>
        {
            o.ReconnectMinDelay = TimeSpan.FromMinutes(5);
            o.ReconnectMaxDelay = TimeSpan.FromMinutes(5);
            o.ConnectionWaitTimeout = TimeSpan.Zero;
        });
        f.Runtime.Status = AppStatus.Running;
        var before = f.Plugin.GetFullState(new SwitchEntity("switch.garden_pump"));
        var down = f.H.WaitForStateAsync(e => e.State == Domovoy.Core.HomeAssistant.Client.HassConnectionState.Disconnected);
        f.H.Simulator.DropConnections();
        await down;

        Assert.AreSame(before, f.Plugin.GetFullState(new SwitchEntity("switch.garden_pump")));
        var result = await f.Plugin.CallServiceAsync("switch", "turn_on", new SwitchEntity("switch.garden_pump"));
        Assert.IsFalse(result.Success);
        Assert.AreEqual("connection_lost", result.Error!.Code);
        await Assert.ThrowsExactlyAsync<HassConnectionException>(() => f.Plugin.CallServiceAsync("switch", "turn_on", new SwitchEntity("switch.garden_pump"), throwOnError: true));
    }

    private sealed class Fixture : IAsyncDisposable
    {
        private Fixture(SimulatorHarness h)
        {
            H = h;
            Runtime = new AppRuntime("test-app", AppLogs.CreateLogger("test-app"), TimeProvider.System, new DomovoyOptions());
            Plugin = (AppHass)new AppHassFactory(h.Client, h.Cache).Create(Runtime);
        }

        public SimulatorHarness H { get; }

        public LogSink AppLogs { get; } = new();

        public AppRuntime Runtime { get; }

        public AppHass Plugin { get; }

        public static async Task<Fixture> CreateAsync(Action<Domovoy.Core.HomeAssistant.Client.HassClientOptions>? configure = null)
        {
            var h = await SimulatorHarness.CreateAsync(configure);
            await h.StartAsync();
            return new Fixture(h);
        }

        public Task WaitForStateAsync(string entityId)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var s = H.Cache.SubscribeEntity(entityId, (_, _) => done.TrySetResult());
            if (H.Cache.GetState(entityId) is not null)
            {
                done.TrySetResult();
            }

            return done.Task.WaitAsync(Patience).ContinueWith(t => { s.Dispose(); return t; }, TaskScheduler.Default).Unwrap();
        }

        public async ValueTask DisposeAsync()
        {
            await Runtime.StopCallbacksAsync(TimeSpan.FromSeconds(5));
            await Runtime.DisposeAsync();
            await H.DisposeAsync();
        }
    }
}
