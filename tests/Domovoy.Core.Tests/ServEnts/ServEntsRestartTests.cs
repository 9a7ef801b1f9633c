using System.Collections.Concurrent;
using System.Globalization;
using Domovoy.Abstractions;
using Domovoy.Simulator;

namespace Domovoy.Core.Tests.ServEnts;

/// <summary>
/// Home Assistant restarts with both reconnect timings, 20 in a row on one simulator: a motion made during each is
/// counted once, every ServEnts entity (the disabled-by-default Restart App button included) is live again, and the
/// app never sees its switch leave "on".
/// </summary>
[TestClass]
public sealed class ServEntsRestartTests
{
    private const int Restarts = 20;
    private const string Hallway = "binary_sensor.hallway_motion";
    private const string Count = "sensor.counter_motion_events";

    private static readonly string[] ServentIds =
    [
        "counter-motion_events",
        "counter-counting_enabled",
        "counter-counter.reset_count",
        "counter-counter.AppRestartRequested",
    ];

    [TestMethod]
    [DataRow(ReconnectTiming.WhileStarting)]
    [DataRow(ReconnectTiming.AfterRunning)]
    public async Task Twenty_restarts_each_with_a_motion_count_every_motion_and_keep_every_entity_live(ReconnectTiming timing)
    {
        await using var f = await ServEntsFixture.CreateAsync();
        var probe = new Probe();
        await f.StartAsync(("counter", () => new CountingApp(probe)));
        await f.WaitForCacheAsync(Count, s => s.State == "0");
        await f.WaitForCacheAsync("switch.counter_counting_enabled", s => s.State == "on");
        var sim = f.H.Simulator;

        for (var restart = 1; restart <= Restarts; restart++)
        {
            // WhileStarting alternates: the motion happens while Home Assistant is down (seen through the re-sync) or
            // while it is STARTING with the client connected (seen as an event, before the re-sync).
            var duringStarting = timing == ReconnectTiming.WhileStarting && restart % 2 == 0;
            await sim.ShutDownAsync();
            if (!duringStarting)
            {
                await sim.SetStateAsync(Hallway, "on");
            }

            await sim.StartUpAsync(timing, duringStarting ? () => sim.SetStateAsync(Hallway, "on") : null);

            var expected = restart.ToString(CultureInfo.InvariantCulture);
            await f.WaitForCacheAsync(Count, s => s.State == expected && s.GetAttribute<string>("servent_id") == "counter-motion_events");
            foreach (var serventId in ServentIds)
            {
                Assert.IsNotNull(sim.GetServentEntityId(serventId), $"restart {restart} ({timing}): {serventId} is not live again");
            }

            await sim.SetStateAsync(Hallway, "off");
            await f.WaitForCacheAsync(Hallway, s => s.State == "off");
        }

        Assert.AreEqual(Restarts.ToString(CultureInfo.InvariantCulture), sim.GetState(Count));
        Assert.AreEqual(Restarts, probe.Motions, "each motion is delivered once");
        Assert.AreEqual(0, probe.Paused, "the switch never read as off");
        Assert.IsEmpty(probe.SwitchChanges, "the app saw its switch change: " + string.Join(", ", probe.SwitchChanges));
        Assert.AreEqual("on", sim.GetState("switch.counter_counting_enabled"));
        Assert.AreEqual(1, probe.Initializations, "the app was never reloaded");
    }

    private sealed class Probe
    {
        private int _motions;
        private int _paused;
        private int _initializations;

        public ConcurrentQueue<string> SwitchChanges { get; } = new();

        public int Motions => Volatile.Read(ref _motions);

        public int Paused => Volatile.Read(ref _paused);

        public int Initializations => Volatile.Read(ref _initializations);

        public void Motion(bool counted) => Interlocked.Increment(ref counted ? ref _motions : ref _paused);

        public void Initialized() => Interlocked.Increment(ref _initializations);
    }

    /// <summary>The MotionCounter sample's logic: counts motions in a ServEnts sensor while its ServEnts switch is on.</summary>
    private sealed class CountingApp(Probe probe) : AppBase
    {
        private IServEntSensor _count = null!;
        private IServEntSwitch _counting = null!;

        public override async Task InitializeAsync(CancellationToken cancellationToken)
        {
            _count = await ServEnts.CreateSensorAsync("motion_events", "Motion Events", new() { StateClass = "total_increasing", DefaultState = 0 }, cancellationToken);
            _counting = await ServEnts.CreateSwitchAsync("counting_enabled", "Counting Enabled", new() { DefaultState = true }, cancellationToken);
            await ServEnts.ListenButtonPressAsync("Reset Count", "reset_count", (_, ct) => _count.SetToAsync(0, cancellationToken: ct), cancellationToken: cancellationToken);
            await ServEnts.EnableReloadButtonAsync(cancellationToken);
            Callbacks.ListenState(new BinarySensorEntity(Hallway), OnMotionAsync, new() { New = true });
            Callbacks.ListenState(_counting.GetEntity(), change => probe.SwitchChanges.Enqueue($"{change.Old}->{change.New}"));
            probe.Initialized();
        }

        private async Task OnMotionAsync(StateChange<bool?> change, CancellationToken cancellationToken)
        {
            probe.Motion(_counting.IsOn);
            if (_counting.IsOn)
            {
                await _count.SetToAsync((long)(_count.GetNumericState() ?? 0) + 1, cancellationToken: cancellationToken);
            }
        }
    }
}
