using System.Reactive.Concurrency;
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
        await using var harness = new AppApiHarness(Start);
        var changes = new Subject<StateChange<bool?>>();
        using var subscription = changes
            .WhenStateIsFor(open => open == true, TimeSpan.FromMinutes(5), harness.AppTime.Scheduler)
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
        await using var harness = new AppApiHarness(Start);
        using var subscription = Observable.Interval(TimeSpan.FromMinutes(1), harness.AppTime.Scheduler).Subscribe(n => harness.Record($"tick {n}"));
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.AreEqual("tick 0", await harness.NextCallAsync());
        var stats = harness.Runtime.Callbacks.Snapshot().Single(c => c.Name == "Rx scheduler");
        Assert.IsTrue(stats.IsRegistered);

        await harness.Runtime.StopCallbacksAsync(TimeSpan.FromSeconds(1));
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.IsFalse(harness.Runtime.Callbacks.Snapshot().Single(c => c.Name == "Rx scheduler").IsRegistered);
        Assert.AreEqual(1, harness.Runtime.Callbacks.Snapshot().Single(c => c.Name == "Rx scheduler").TimesCalled);
    }

    [TestMethod]
    public async Task Absolute_time_work_runs_on_the_app_queue_at_its_due_time_on_the_host_clock()
    {
        await using var h = new AppApiHarness(Start);
        var due = Start + TimeSpan.FromHours(2);
        using var subscription = Observable.Timer(due, h.AppTime.Scheduler).Subscribe(_ => h.Record(h.Wall.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        h.Time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        await h.AssertNoPendingCallAsync();

        // Hold the app's queue with another callback: the due work waits behind it instead of running beside it.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = h.Runtime.Register(CallbackKind.Subscription, "blocker", "blocker", _ => null);
        h.Runtime.Post(blocker, async _ =>
        {
            h.Record("blocker running");
            await release.Task;
        });
        Assert.AreEqual("blocker running", await h.NextCallAsync());
        h.Time.Advance(TimeSpan.FromSeconds(1));
        h.Record("released");
        release.SetResult();
        Assert.AreEqual("released", await h.NextCallAsync());
        Assert.AreEqual(due.ToString("O", System.Globalization.CultureInfo.InvariantCulture), await h.NextCallAsync());
        Assert.AreEqual(1, h.Runtime.Callbacks.Snapshot().Single(c => c.Name == "Rx scheduler").TimesCalled, "delivered through the app's queue");
    }

    [TestMethod]
    public async Task Absolute_time_work_follows_wall_clock_steps_and_is_never_skipped()
    {
        await using var h = new AppApiHarness(Start);
        using var early = Observable.Timer(Start + TimeSpan.FromMinutes(10), h.AppTime.Scheduler).Subscribe(_ => h.Record("ten past"));

        // Stepped back an hour: ten elapsed minutes later the wall clock reads 11:10, so nothing runs yet.
        h.Wall.Step(TimeSpan.FromHours(-1));
        h.Time.Advance(TimeSpan.FromMinutes(10));
        await h.AssertNoPendingCallAsync();

        // Stepped forward past the due time: Rx work runs (late) as soon as the step is seen, within 30 s.
        h.Wall.StepTo(Start + TimeSpan.FromHours(3));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.AreEqual("ten past", await h.NextCallAsync());
    }

    [TestMethod]
    public async Task Absolute_and_periodic_work_is_cancelled_when_the_app_stops()
    {
        await using var h = new AppApiHarness(Start);
        var scheduler = h.AppTime.Scheduler;
        Assert.IsNotNull(scheduler.AsPeriodic(), "periodic work is scheduled by the app scheduler, not Rx's emulation");
        _ = Observable.Timer(Start + TimeSpan.FromDays(1), scheduler).Subscribe(_ => h.Record("tomorrow"));
        _ = Observable.Interval(TimeSpan.FromHours(1), scheduler).Subscribe(n => h.Record($"tick {n}"));
        h.Time.Advance(TimeSpan.FromHours(1));
        Assert.AreEqual("tick 0", await h.NextCallAsync());
        h.Time.Advance(TimeSpan.FromHours(1));
        Assert.AreEqual("tick 1", await h.NextCallAsync());

        await h.Runtime.StopCallbacksAsync(TimeSpan.FromSeconds(1));
        h.Time.Advance(TimeSpan.FromDays(2));
        var stats = h.Runtime.Callbacks.Snapshot().Single(c => c.Name == "Rx scheduler");
        Assert.IsFalse(stats.IsRegistered);
        Assert.AreEqual(2, stats.TimesCalled, "neither the interval nor tomorrow's timer fired after the app stopped");
    }

    private static StateChange<bool?> Change(bool open, string hhmm)
    {
        var at = DateTimeOffset.Parse($"2026-06-01T{hhmm}:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var state = new EntityState(Door.Value, open ? "on" : "off", new Dictionary<string, System.Text.Json.JsonElement>(), at, at, at, null);
        return new StateChange<bool?>(Door, !open, open, null, state);
    }
}
