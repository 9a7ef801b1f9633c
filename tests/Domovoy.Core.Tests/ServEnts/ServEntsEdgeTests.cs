using System.Text.Json.Nodes;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Registration;

namespace Domovoy.Core.Tests.ServEnts;

/// <summary>Creation timeouts and the extended (long) button events.</summary>
[TestClass]
public sealed class ServEntsEdgeTests
{
    [TestMethod]
    public async Task An_entity_that_never_appears_fails_initialize_with_an_error_naming_its_servent_id()
    {
        await using var f = await ServEntsFixture.CreateAsync(creationTimeout: TimeSpan.FromMilliseconds(300));
        f.H.Simulator.HoldServentEntities(true);
        var failed = f.WaitForLifecycleAsync(e => e.AppName == "my_app" && e.Status == AppStatus.Failed);
        var registration = new AppRegistration("my_app", "Test", typeof(SlowApp), EmptyAppConfig.Instance, () => new SlowApp());
        await f.Engine.ApplyPluginAsync("Test", [registration], CancellationToken.None);
        await failed;
        var error = await f.Logs.WaitForAsync(l => l.Exception is ServEntException || l.Message.Contains("did not appear", StringComparison.Ordinal));
        var text = (error.Exception?.Message ?? string.Empty) + error.Message;
        StringAssert.Contains(text, "'my_app-never'");
        StringAssert.Contains(text, "did not appear in Home Assistant");
    }

    [TestMethod]
    public async Task Long_button_events_use_the_extended_event_and_still_reach_the_app_with_their_data()
    {
        await using var f = await ServEntsFixture.CreateAsync();
        var probe = new Probe();
        f.H.Simulator.ResetCounters();
        await f.StartAsync(("my_app", () => new LongButtonApp(probe)));
        var payload = JsonNode.Parse(f.H.Simulator.ReceivedServiceCalls.Single(c => c.Contains("create_entity", StringComparison.Ordinal)))!;
        var entity = payload["service_data"]!["entities"]![0]!;
        Assert.AreEqual("servent_extended_button_press", entity["event"]!.GetValue<string>());
        Assert.AreEqual("{\"true_event\":\"my_app." + LongButtonApp.EventName + "\"}", entity["event_data"]!.ToJsonString());
        Assert.AreEqual("my_app-my_app." + LongButtonApp.EventName, entity["servent_id"]!.GetValue<string>());

        // Another app's extended press is filtered out by true_event.
        await f.H.Simulator.FireEventAsync("servent.servent_extended_button_press", new { true_event = "my_app.other" });
        await probe.App!.Hass.CallServiceAsync("button", "press", new ButtonEntity("button.my_app_long"), throwOnError: true);
        var press = await probe.Pressed.Task.WaitAsync(ServEntsFixture.Patience);
        Assert.AreEqual(LongButtonApp.EventName, press.EventName);
        Assert.AreEqual(3, press.Data.GetProperty("n").GetInt32());
        Assert.AreEqual(1, probe.Presses);
    }

    [TestMethod]
    public async Task The_restart_app_button_once_enabled_in_home_assistant_restarts_the_app_when_pressed_and_stays_enabled()
    {
        await using var f = await ServEntsFixture.CreateAsync();
        var probe = new Probe();
        await f.StartAsync(("my_app", () => new ReloadApp(probe)), ("other_app", () => new ReloadApp(new Probe())));
        var otherInstance = f.Engine.GetApps().Single(a => a.Name == "other_app").InstanceId;
        Assert.IsNull(f.H.Cache.GetState("button.my_app_restart_app"), "disabled by default");

        var enable = System.Text.Json.JsonDocument.Parse("""{"entity_id":"button.my_app_restart_app","disabled_by":null}""").RootElement;
        var result = await probe.App!.Hass.SendRawCommandAsync("config/entity_registry/update", enable);
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, result.GetProperty("entity_entry").GetProperty("disabled_by").ValueKind);
        await f.WaitForCacheAsync("button.my_app_restart_app", s => s.GetAttribute<string>("device_class") == "restart");

        var restarted = f.WaitForRunningAsync("my_app");
        await probe.App.Hass.CallServiceAsync("button", "press", new ButtonEntity("button.my_app_restart_app"), throwOnError: true);
        await restarted;
        Assert.AreEqual(2, probe.Initializations);
        Assert.IsNotNull(f.H.Simulator.GetState("button.my_app_restart_app"), "re-creating with disabled_by_default keeps the user's choice");
        Assert.AreEqual(otherInstance, f.Engine.GetApps().Single(a => a.Name == "other_app").InstanceId, "other_app kept running");
    }

    private sealed class ReloadApp(Probe probe) : AppBase
    {
        public override async Task InitializeAsync(CancellationToken cancellationToken)
        {
            await ServEnts.EnableReloadButtonAsync(cancellationToken);
            probe.App = this;
            probe.Initializations++;
        }
    }

    private sealed class Probe
    {
        public AppBase? App { get; set; }

        public int Presses { get; set; }

        public int Initializations { get; set; }

        public TaskCompletionSource<ButtonPress> Pressed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class SlowApp : AppBase
    {
        public override Task InitializeAsync(CancellationToken cancellationToken)
            => ServEnts.CreateSensorAsync("never", "Never", cancellationToken: cancellationToken);
    }

    private sealed class LongButtonApp(Probe probe) : AppBase
    {
        public const string EventName = "a_rather_long_event_name_for_a_button_press_x";

        public override async Task InitializeAsync(CancellationToken cancellationToken)
        {
            await ServEnts.ListenButtonPressAsync("Long", EventName, (press, _) =>
            {
                probe.Presses++;
                probe.Pressed.TrySetResult(press);
                return Task.CompletedTask;
            }, new() { EventData = new Dictionary<string, object?> { ["n"] = 3 } }, cancellationToken);
            probe.App = this;
        }
    }
}
