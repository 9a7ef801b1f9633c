using System.Reactive.Linq;
using System.Reactive.Subjects;
using Domovoy.Abstractions;
using Domovoy.Core.Tests.Support;

namespace Domovoy.Core.Tests.Scheduling;

[TestClass]
public sealed class AppSchedulerTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-06-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BinarySensorEntity Door = new("binary_sensor.front_door");

    [TestMethod]
    public async Task WhenStateIsFor_emits_only_after_the_state_held_for_the_duration()
    {
        await using var harness = new PluginHarness(Start);
        var changes = new Subject<StateChange<bool?>>();
        using var subscription = changes
            .WhenStateIsFor(open => open == true, TimeSpan.FromMinutes(5), harness.TimePlugin.Scheduler)
            .Subscribe(c => harness.Record($"held since {c.NewState?.LastChanged:HH:mm}"));

        changes.OnNext(Change(true, "12:00"));
        harness.Time.Advance(TimeSpan.FromMinutes(3));
        changes.OnNext(Change(false, "12:03"));
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        await harness.AssertNoPendingCallAsync();

        changes.OnNext(Change(true, "12:13"));
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.AreEqual("held since 12:13", await harness.NextCallAsync());
    }

    [TestMethod]
    public async Task Scheduled_work_is_cancelled_when_the_app_stops_and_shows_in_callback_stats()
    {
        await using var harness = new PluginHarness(Start);
        using var subscription = Observable.Interval(TimeSpan.FromMinutes(1), harness.TimePlugin.Scheduler).Subscribe(n => harness.Record($"tick {n}"));
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.AreEqual("tick 0", await harness.NextCallAsync());
        var stats = harness.Runtime.Callbacks.Snapshot().Single(c => c.Name == "Rx scheduler");
        Assert.IsTrue(stats.IsRegistered);

        await harness.Runtime.StopCallbacksAsync(TimeSpan.FromSeconds(1));
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.IsFalse(harness.Runtime.Callbacks.Snapshot().Single(c => c.Name == "Rx scheduler").IsRegistered);
        Assert.AreEqual(1, harness.Runtime.Callbacks.Snapshot().Single(c => c.Name == "Rx scheduler").TimesCalled);
    }

    private static StateChange<bool?> Change(bool open, string hhmm)
    {
        var at = DateTimeOffset.Parse($"2026-06-01T{hhmm}:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var state = new EntityState(Door.Value, open ? "on" : "off", new Dictionary<string, System.Text.Json.JsonElement>(), at, at, at, null);
        return new StateChange<bool?>(Door, !open, open, null, state);
    }
}
