using System.Text.Json;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.Tests.Infrastructure;
using Domovoy.Simulator;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Tests.HomeAssistant;

/// <summary>
/// The client against odd peers (issue 10, point 5): an unusable get_config location, events for unknown subscription
/// ids, oversized messages and a token sent in clear. Real loopback WebSockets against the simulator.
/// </summary>
[TestClass]
public sealed class HassClientRobustnessTests
{
    private static readonly TimeSpan Patience = SimulatorHarness.Patience;

    [TestMethod]
    public async Task An_unusable_get_config_location_is_logged_once_and_never_drops_the_connection()
    {
        // Before: the start gate threw on latitude 200, setup failed and the client reconnected in a loop, never Ready.
        await using var h = await SimulatorHarness.CreateAsync(simulatorOptions: new SimulatorOptions { Port = 0, Latitude = 200 });
        var location = new Domovoy.Core.Scheduling.ReportedLocationProvider();
        _ = new Domovoy.Core.HomeAssistant.Apps.HassStartGate(h.Client, location, new LoggerFactoryFor(h.Log).CreateLogger<Domovoy.Core.HomeAssistant.Apps.HassStartGate>());
        await h.StartAsync();
        Assert.AreEqual(1L, h.Client.ReadyCount);
        Assert.IsNull(location.GetLocation());

        h.Simulator.DropConnections();
        await h.WaitForReadyCountAsync(2);

        var warnings = h.Log.Lines.Where(l => l.Level == LogLevel.Warning && l.Message.Contains("location is unusable", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, warnings, "logged once, not once per connection");
        StringAssert.Contains(warnings[0].Message, "Latitude");
        Assert.AreEqual(HassConnectionState.Ready, h.Client.State);
    }

    [TestMethod]
    [DataRow("""{"latitude":"52.5","longitude":13.4,"elevation":null}""", 52.5, 13.4, 0.0, false)]
    [DataRow("""{"latitude":52.5,"longitude":13.4}""", 52.5, 13.4, 0.0, false)]
    [DataRow("""{"latitude":52.5,"longitude":13.4,"elevation":"high"}""", 52.5, 13.4, 0.0, true)]
    [DataRow("""{"latitude":"north","longitude":13.4}""", double.NaN, 0.0, 0.0, true)]
    [DataRow("""{"longitude":13.4}""", double.NaN, 0.0, 0.0, true)]
    [DataRow("""{"latitude":1e400,"longitude":13.4}""", double.NaN, 0.0, 0.0, true)]
    [DataRow("""{"latitude":91,"longitude":13.4}""", double.NaN, 0.0, 0.0, true)]
    [DataRow("""[]""", double.NaN, 0.0, 0.0, true)]
    public void Get_config_location_is_read_leniently(string json, double latitude, double longitude, double elevation, bool problem)
    {
        using var doc = JsonDocument.Parse(json);
        var location = Domovoy.Core.HomeAssistant.Apps.HassConfigLocation.Read(doc.RootElement, out var text);
        Assert.AreEqual(problem, text is not null, text);
        if (double.IsNaN(latitude))
        {
            Assert.IsNull(location);
            return;
        }

        Assert.AreEqual((latitude, longitude, elevation), (location!.Latitude, location.Longitude, location.Elevation));
    }

    [TestMethod]
    public async Task Events_for_an_unknown_subscription_id_are_unsubscribed_once()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        h.Simulator.ResetCounters();
        const string Stray = """{"id":4242,"type":"event","event":{"event_type":"stray","data":{},"origin":"LOCAL","time_fired":"2025-01-01T00:00:00+00:00","context":{"id":"x","parent_id":null,"user_id":null}}}""";

        await h.Simulator.SendRawTextAsync(Stray);
        await h.Simulator.WaitForCommandAsync("unsubscribe_events").WaitAsync(Patience);
        await h.Simulator.SendRawTextAsync(Stray);

        // The marker is queued after the second stray event, so once it arrived the stray one was read too.
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var s = h.Cache.SubscribeEvents(["marker"], _ => marker.TrySetResult());
        await h.Simulator.FireEventAsync("marker");
        await marker.Task.WaitAsync(Patience);
        await h.Client.SendCommandAsync("get_config");

        var unsubscribes = h.Simulator.ReceivedCommandTypes.Count(t => t == "unsubscribe_events");
        Assert.AreEqual(1, unsubscribes, "one unsubscribe_events for the stray id, not one per event");
        Assert.AreEqual(1L, h.Client.ReadyCount);
    }

    [TestMethod]
    public async Task A_message_above_the_size_limit_is_discarded_with_an_error_naming_size_and_option()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        var limit = h.Simulator.GetStatesJson().Length + (64 * 1024);
        h.Options.MaxMessageBytes = limit;
        await h.StartAsync();
        var logged = h.Log.WaitForAsync(l => l.Level == LogLevel.Error && l.Message.Contains("MaxMessageBytes", StringComparison.Ordinal));

        var big = """{"id":4243,"type":"event","event":{"event_type":"big","data":{"blob":""" + "\"" + new string('x', limit) + "\"}}}";
        await h.Simulator.SendRawTextAsync(big);

        var line = await logged.WaitAsync(Patience);
        StringAssert.Contains(line.Message, $"{System.Text.Encoding.UTF8.GetByteCount(big)} bytes");
        StringAssert.Contains(line.Message, $"limit of {limit} bytes");
        var config = await h.Client.SendCommandAsync("get_config");
        Assert.AreEqual("RUNNING", config.GetProperty("state").GetString());
        Assert.AreEqual(1L, h.Client.ReadyCount, "the connection stayed up");
    }

    [TestMethod]
    public async Task A_token_over_plain_ws_to_a_non_loopback_host_warns_once()
    {
        Assert.IsFalse(new HassClientOptions { Uri = new Uri("ws://127.0.0.1:8123") }.SendsTokenInClear);
        Assert.IsFalse(new HassClientOptions { Uri = new Uri("http://localhost:8123") }.SendsTokenInClear);
        Assert.IsFalse(new HassClientOptions { Uri = new Uri("wss://ha.example.com") }.SendsTokenInClear);
        Assert.IsTrue(new HassClientOptions { Uri = new Uri("http://192.168.1.5:8123") }.SendsTokenInClear);

        // 0.0.0.0 is not a loopback name, but connecting to it reaches this machine, so the attempt fails at once.
        var log = new LogSink();
        var options = new HassClientOptions
        {
            Uri = new Uri("ws://0.0.0.0:1/api/websocket"),
            AccessToken = "t",
            TokenSource = "token_env HASS_TOKEN",
            ReconnectMinDelay = TimeSpan.FromMilliseconds(10),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(20),
        };
        var client = new HassWebSocketClient(options, log.CreateLogger("hass"), TimeProvider.System);
        var attempts = 0;
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, e) =>
        {
            if (e.State == HassConnectionState.Disconnected && Interlocked.Increment(ref attempts) == 3)
            {
                third.TrySetResult();
            }
        };
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);
        await third.Task.WaitAsync(Patience);
        await stop.CancelAsync();
        await run.WaitAsync(Patience);

        var warnings = log.Lines.Where(l => l.Level == LogLevel.Warning && l.Message.Contains("unencrypted", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, warnings);
        StringAssert.Contains(warnings[0].Message, "token_env HASS_TOKEN");
        StringAssert.Contains(warnings[0].Message, "wss://");
    }

    [TestMethod]
    public async Task No_clear_text_warning_on_loopback()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        Assert.IsFalse(h.Log.Lines.Any(l => l.Message.Contains("unencrypted", StringComparison.Ordinal)));
    }

    private sealed class LoggerFactoryFor(LogSink sink) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => sink.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}
