using Domovoy.Abstractions;
using Domovoy.Core.Apps.Engine;
using Domovoy.Core.Apps.Registration;
using Domovoy.Core.HomeAssistant.Apps;
using Domovoy.Core.Tests.HomeAssistant;
using Domovoy.Core.Tests.Infrastructure;
using Domovoy.Tests.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Domovoy.Core.Tests.Apps;

/// <summary>
/// Every listener, timer, trigger, observable and wait an app creates is gone after its finalize: after 100 reloads,
/// only the newest instance's callbacks fire (real client against the simulator; timers on a fake clock).
/// </summary>
[TestClass]
public sealed class ReloadSafetyTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task After_100_reloads_no_callback_of_an_old_instance_fires()
    {
        await using var harness = await SimulatorHarness.CreateAsync();
        await harness.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-05-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var logs = new LogSink();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        await using var engine = new AppEngine(factory, Options.Create(new DomovoyOptions()), time, null, harness.Cache, new AppHassFactory(harness.Client, harness.Cache));
        var sink = new Sink();

        const int Reloads = 100;
        for (var generation = 0; generation < Reloads; generation++)
        {
            var config = new ProbeConfig { Generation = generation, Sink = sink };
            await engine.ApplyPluginAsync("Probe", [new AppRegistration("probe", "Probe", typeof(ProbeApp), config, () => new ProbeApp())], CancellationToken.None);
        }

        Assert.AreEqual(1, engine.Snapshot().Count);
        Assert.AreEqual(Reloads, logs.Count("App probe initialized"));
        Assert.AreEqual(Reloads - 1, logs.Count("App probe terminated"));

        // Each finalized instance's trigger subscription was removed from Home Assistant too (Python Domovoy leaks these).
        await harness.Simulator.WaitForCommandAsync("unsubscribe_events", Reloads - 1).WaitAsync(TimeSpan.FromSeconds(60));

        // Fire everything every generation subscribed to; wait until the newest generation saw all of it.
        var newest = Reloads - 1;
        var all = sink.WaitForAsync(newest, ["state", "event", "trigger", "observable", "timer", "wait"]);
        await harness.Simulator.SetStateAsync("binary_sensor.hallway_motion", "on");
        await harness.Simulator.FireEventAsync("probe_event", new { n = 1 });
        // Exactly to the timer's first run: the fake clock jumps, so a run it jumped past would be a misfire (skipped).
        time.Advance(TimeSpan.FromHours(1));
        await all.WaitAsync(TimeSpan.FromSeconds(60));

        // A second round after the first was fully delivered: anything an old instance still held would fire by now.
        var second = sink.WaitForAsync(newest, ["state", "event"], occurrences: 2);
        await harness.Simulator.SetStateAsync("binary_sensor.hallway_motion", "off");
        await harness.Simulator.FireEventAsync("probe_event", new { n = 2 });
        await second.WaitAsync(TimeSpan.FromSeconds(60));

        var stale = sink.Calls.Where(c => c.Generation != newest).ToArray();
        Assert.AreEqual(0, stale.Length, "callbacks of finalized instances fired: " + string.Join(", ", stale.Take(10)));
    }

    private sealed record Call(int Generation, string Kind);

    private sealed class Sink
    {
        private readonly Recorder<Call> _calls = new();

        public IReadOnlyCollection<Call> Calls => _calls.Items;

        public void Record(int generation, string kind) => _calls.Add(new Call(generation, kind));

        /// <summary>Completes once <paramref name="generation"/> recorded every kind at least <paramref name="occurrences"/> times.</summary>
        public Task WaitForAsync(int generation, string[] kinds, int occurrences = 1)
            => _calls.WaitUntilAsync(calls => kinds.All(k => calls.Count(c => c.Generation == generation && c.Kind == k) >= occurrences), Timeout.InfiniteTimeSpan);
    }

    private sealed class ProbeConfig : AppConfigBase
    {
        public int Generation { get; init; }

        public required Sink Sink { get; init; }
    }

    private sealed class ProbeApp : AppBase<ProbeConfig>
    {
        private static readonly BinarySensorEntity Motion = new("binary_sensor.hallway_motion");
        public override async Task InitializeAsync(CancellationToken cancellationToken)
        {
            var generation = Config.Generation;
            var sink = Config.Sink;
            Callbacks.ListenState(Motion, _ => sink.Record(generation, "state"));
            Callbacks.ListenEvent("probe_event", _ => sink.Record(generation, "event"));
            Callbacks.RunEvery(TimeSpan.FromHours(1), () => sink.Record(generation, "timer"));
            await Hass.ListenTriggerAsync(new { platform = "state", entity_id = Motion.Value, to = "on" }, (_, _) =>
            {
                sink.Record(generation, "trigger");
                return Task.CompletedTask;
            }, cancellationToken);
            _ = Hass.StateChanges(Motion).Subscribe(_ => sink.Record(generation, "observable"));
            _ = Utils.RunInBackground(async ct =>
            {
                await Callbacks.WaitForStateAsync(Motion, [true], cancellationToken: ct);
                sink.Record(generation, "wait");
            });
        }
    }
}
