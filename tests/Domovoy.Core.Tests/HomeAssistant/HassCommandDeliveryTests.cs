using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.HomeAssistant.Apps;
using Domovoy.Core.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Domovoy.Core.Tests.HomeAssistant;

/// <summary>
/// Commands across connection loss (issue 10, point 4): a call made while Home Assistant is down waits for the
/// connection and is sent once; a call in flight when the connection drops is not re-sent and fails clearly.
/// </summary>
[TestClass]
public sealed class HassCommandDeliveryTests
{
    private static readonly TimeSpan Patience = SimulatorHarness.Patience;

    [TestMethod]
    public async Task A_call_made_while_Home_Assistant_restarts_waits_and_is_sent_once_after_the_reconnect()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        await using var runtime = NewRuntime();
        var hass = new AppHassFactory(h.Client, h.Cache).Create(runtime);
        runtime.Status = AppStatus.Running;
        await h.Simulator.SetStateAsync("switch.garden_pump", "off");

        var down = h.WaitForStateAsync(e => e.State == HassConnectionState.Disconnected);
        var restart = h.Simulator.RestartAsync(TimeSpan.FromSeconds(1));
        await down;
        h.Simulator.ResetCounters();

        var call = hass.CallServiceAsync("switch", "turn_on", new SwitchEntity("switch.garden_pump"));
        Assert.IsFalse(call.IsCompleted, "it waits for the connection instead of failing with connection_lost");
        var result = await call.WaitAsync(Patience);
        await restart.WaitAsync(Patience);

        Assert.IsTrue(result.Success, result.Error?.Message);
        Assert.AreEqual("on", h.Simulator.GetState("switch.garden_pump"));
        Assert.AreEqual(1, h.Simulator.ReceivedCommandTypes.Count(t => t == "call_service"), "sent exactly once");
    }

    [TestMethod]
    public async Task A_call_in_flight_when_the_connection_drops_is_not_resent_and_fails_saying_it_may_have_run()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        await using var runtime = NewRuntime();
        var hass = new AppHassFactory(h.Client, h.Cache).Create(runtime);
        runtime.Status = AppStatus.Running;
        h.Simulator.ResetCounters();

        h.Simulator.WithholdResults(true);
        var call = hass.CallServiceAsync("switch", "toggle", new SwitchEntity("switch.coffee_maker"), throwOnError: true);
        await h.Simulator.WaitForCommandAsync("call_service").WaitAsync(Patience);
        h.Simulator.WithholdResults(false);
        h.Simulator.DropConnections();

        var ex = await Assert.ThrowsExactlyAsync<HassConnectionException>(() => call.WaitAsync(Patience));
        StringAssert.Contains(ex.Message, "call_service switch.toggle");
        StringAssert.Contains(ex.Message, "may or may not have been executed");
        await h.WaitForReadyCountAsync(2);
        await h.Client.SendCommandAsync("get_config");
        Assert.AreEqual(1, h.Simulator.ReceivedCommandTypes.Count(t => t == "call_service"), "not re-sent after the reconnect");
    }

    [TestMethod]
    public async Task Without_a_connection_a_call_fails_at_the_deadline_default_60_s_or_per_call()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var log = new LogSink();
        var client = new HassWebSocketClient(new HassClientOptions { Uri = new Uri("ws://127.0.0.1:1") }, log.CreateLogger("hass"), time);
        await using var runtime = NewRuntime();
        var hass = new AppHassFactory(client, new Domovoy.Core.HomeAssistant.State.HassStateCache(log.CreateLogger("cache"), time)).Create(runtime);

        var byDefault = hass.CallServiceAsync("light", "turn_off", throwOnError: true);
        var perCall = hass.WithConnectionWaitTimeout(TimeSpan.FromSeconds(5)).CallServiceAsync("light", "turn_off", throwOnError: true);
        time.Advance(TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsExactlyAsync<HassConnectionException>(() => perCall.WaitAsync(Patience));
        StringAssert.Contains(ex.Message, "within 5 s");
        StringAssert.Contains(ex.Message, "not sent");

        time.Advance(TimeSpan.FromSeconds(54));
        Assert.IsFalse(byDefault.IsCompleted, "the default wait is 60 s");
        time.Advance(TimeSpan.FromSeconds(1));
        ex = await Assert.ThrowsExactlyAsync<HassConnectionException>(() => byDefault.WaitAsync(Patience));
        StringAssert.Contains(ex.Message, "within 60 s");
        StringAssert.Contains(ex.Message, "ConnectionWaitTimeout");
    }

    private static AppRuntime NewRuntime() => new("test-app", new LogSink().CreateLogger("test-app"), TimeProvider.System, new DomovoyOptions());
}
