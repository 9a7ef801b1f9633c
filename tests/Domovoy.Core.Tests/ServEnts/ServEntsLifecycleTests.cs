using System.Globalization;
using Domovoy.Abstractions;
using Domovoy.Simulator;

namespace Domovoy.Core.Tests.ServEnts;

/// <summary>Reload safety, Home Assistant restarts, button presses, UI changes and the reload button, through the engine.</summary>
[TestClass]
public sealed class ServEntsLifecycleTests
{
    [TestMethod]
    public async Task Twenty_reloads_keep_one_entity_and_its_state()
    {
        await using var f = await ServEntsFixture.CreateAsync();
        var probe = new CounterProbe();
        await f.StartAsync(("my_app", () => new CounterApp(probe)));
        await f.WaitForCacheAsync("sensor.my_app_starts", s => s.State == "1");

        for (var i = 2; i <= 21; i++)
        {
            var running = f.WaitForRunningAsync("my_app");
            await probe.App!.Meta.RestartAppAsync();
            await running;
            var expected = i.ToString(CultureInfo.InvariantCulture);
            await f.WaitForCacheAsync("sensor.my_app_starts", s => s.State == expected);
        }

        Assert.AreEqual(21, probe.Initializations);
        Assert.AreEqual("21", f.H.Simulator.GetState("sensor.my_app_starts"));
        Assert.IsNull(f.H.Simulator.GetState("sensor.my_app_starts_2"));
        var withServentId = f.H.Cache.GetAll().Count(s => s.GetAttribute<string>("servent_id") == "my_app-starts");
        Assert.AreEqual(1, withServentId);
        StringAssert.Contains(f.H.Simulator.GetEntityRegistryJson(), "sensor-my_app-starts");
        Assert.AreEqual(1, f.H.Simulator.GetEntityRegistryJson().Split("\"unique_id\":\"sensor-my_app-starts\"").Length - 1);
    }

    [TestMethod]
    public async Task A_home_assistant_restart_restores_state_and_the_app_re_creates_its_entities_without_a_reload()
    {
        await using var f = await ServEntsFixture.CreateAsync(new SimulatorOptions { Port = 0, StartingPhase = TimeSpan.FromMilliseconds(50) });
        var probe = new CounterProbe();
        await f.StartAsync(("my_app", () => new CounterApp(probe)));
        await f.WaitForCacheAsync("sensor.my_app_starts", s => s.State == "1");
        await probe.App!.Enabled!.SetOnAsync(new Dictionary<string, object?> { ["by"] = "test" });
        await f.WaitForCacheAsync("switch.my_app_counting", s => s.State == "on");

        await f.H.Simulator.RestartAsync(TimeSpan.FromMilliseconds(100));

        var sensor = await f.WaitForCacheAsync("sensor.my_app_starts", s => s.State == "1" && s.GetAttribute<string>("servent_id") == "my_app-starts");
        var sw = await f.WaitForCacheAsync("switch.my_app_counting", s => s.State == "on" && s.GetAttribute<string>("servent_id") == "my_app-counting");
        Assert.AreEqual("test", sw.GetAttribute<string>("by"));
        Assert.AreEqual("my_app Starts", sensor.GetAttribute<string>("friendly_name"));
        Assert.AreEqual(1, probe.Initializations, "the app was not reloaded");
        Assert.IsTrue(probe.App.Enabled.IsOn);
    }

    [TestMethod]
    public async Task A_button_press_and_a_switch_flipped_in_the_ui_reach_the_app()
    {
        await using var f = await ServEntsFixture.CreateAsync();
        var probe = new CounterProbe();
        await f.StartAsync(("my_app", () => new CounterApp(probe)));
        var app = probe.App!;

        await app.Hass.CallServiceAsync("switch", "turn_on", new SwitchEntity("switch.my_app_counting"), throwOnError: true);
        var change = await probe.SwitchChanged.Task.WaitAsync(ServEntsFixture.Patience);
        Assert.IsTrue(change.New);

        await app.Hass.CallServiceAsync("button", "press", new ButtonEntity("button.my_app_reset_counter"), throwOnError: true);
        var press = await probe.Pressed.Task.WaitAsync(ServEntsFixture.Patience);
        Assert.AreEqual("counter_reset", press.EventName);
        Assert.AreEqual("servent.my_app.counter_reset", press.Event.EventType);
        Assert.AreEqual("v", press.Data.GetProperty("k").GetString());
    }

    [TestMethod]
    public async Task The_reload_button_restarts_only_its_app()
    {
        await using var f = await ServEntsFixture.CreateAsync();
        var mine = new CounterProbe();
        var other = new CounterProbe();
        await f.StartAsync(("my_app", () => new CounterApp(mine)), ("other_app", () => new CounterApp(other)));
        var before = mine.App!.Meta.GetApps();
        var restarted = f.WaitForRunningAsync("my_app");

        // The Restart App button is disabled by default; a press fires exactly this event.
        await f.H.Simulator.FireEventAsync("servent.my_app.AppRestartRequested");

        await restarted;
        Assert.AreEqual(2, mine.Initializations);
        Assert.AreEqual(1, other.Initializations);
        Assert.AreEqual("button.my_app_restart_app", f.H.Simulator.GetServentEntityId("my_app-my_app.AppRestartRequested"));
        Assert.IsNull(f.H.Simulator.GetState("button.my_app_restart_app"), "disabled by default: no state");

        var after = mine.App!.Meta.GetApps();
        CollectionAssert.AreEqual(new[] { "my_app", "other_app" }, after.Select(a => a.Name).ToArray());
        Assert.AreNotEqual(before[0].InstanceId, after[0].InstanceId, "my_app is a new instance");
        Assert.AreEqual(before[1].InstanceId, after[1].InstanceId, "other_app kept running");
        var info = mine.App.Meta.GetAppInfo();
        Assert.AreEqual(after[0].InstanceId, info.InstanceId);
        Assert.AreEqual("CounterApp", info.ClassName);
        Assert.AreEqual("Test", info.PluginName);
        Assert.AreEqual(AppStatus.Running, info.Status);
        Assert.IsGreaterThanOrEqualTo(4, info.ActiveCallbacks, "switch listener, button listener, reload button, re-create watcher");
        Assert.AreEqual(0L, info.DroppedCallbacks);
    }

    private sealed class CounterProbe
    {
        private int _initializations;

        public int Initializations => Volatile.Read(ref _initializations);

        public CounterApp? App { get; set; }

        public TaskCompletionSource<StateChange<bool?>> SwitchChanged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<ButtonPress> Pressed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Initialized() => Interlocked.Increment(ref _initializations);
    }

    /// <summary>Counts its own starts in a ServEnts sensor: the state must survive every reload.</summary>
    private sealed class CounterApp(CounterProbe probe) : AppBase
    {
        public IServEntSwitch? Enabled { get; private set; }

        public override async Task InitializeAsync(CancellationToken cancellationToken)
        {
            var starts = await ServEnts.CreateSensorAsync("starts", "Starts", new() { StateClass = "total_increasing", DefaultState = 0 }, cancellationToken);
            await starts.SetToAsync((starts.GetNumericState() ?? 0) + 1, cancellationToken: cancellationToken);
            Enabled = await ServEnts.CreateSwitchAsync("counting", "Counting", new() { DefaultState = false }, cancellationToken);
            Callbacks.ListenState(Enabled.GetEntity(), (change, _) =>
            {
                probe.SwitchChanged.TrySetResult(change);
                return Task.CompletedTask;
            });
            await ServEnts.ListenButtonPressAsync("Reset Counter", "counter_reset", (press, _) =>
            {
                probe.Pressed.TrySetResult(press);
                return Task.CompletedTask;
            }, new() { EventData = new Dictionary<string, object?> { ["k"] = "v" } }, cancellationToken);
            await ServEnts.EnableReloadButtonAsync(cancellationToken);
            probe.App = this;
            probe.Initialized();
        }
    }
}
