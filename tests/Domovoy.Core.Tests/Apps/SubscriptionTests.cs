using Domovoy.Abstractions;
using Domovoy.Core.Apps.Api;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Domovoy.Core.Tests.Apps;

/// <summary>The app subscription primitive: registry size, cancel-after-queued, one-shots, and where filters run.</summary>
[TestClass]
public sealed class SubscriptionTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 21, 0, 0, 0, TimeSpan.Zero);
    private static readonly BinarySensorEntity Motion = new("binary_sensor.hall_motion");
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task A_day_of_100000_motions_each_scheduling_a_RunIn_leaves_only_live_callbacks_registered()
    {
        const int Motions = 100_000;
        var interval = TimeSpan.FromDays(1) / Motions; // 0.864 s
        var delay = TimeSpan.FromSeconds(30);
        await using var h = new AppApiHarness(Start);
        var scheduled = new SemaphoreSlim(0);
        var turnedOff = 0;
        h.Source.Set(Motion.Value, "off");
        h.Callbacks.ListenState(Motion, (_, _) =>
        {
            h.Callbacks.RunIn(delay, _ =>
            {
                turnedOff++;
                return Task.CompletedTask;
            }, "turn off");
            scheduled.Release();
            return Task.CompletedTask;
        }, new StateListenOptions<bool?> { New = true }, "motion");

        // The motion callback runs after every turn-off that fell due before it (one queue), so at that point the
        // registry holds the listener plus the timers still pending: those scheduled within the last 30 s.
        var livePerMotion = (int)Math.Ceiling(delay / interval);
        var largest = 0;
        for (var i = 0; i < Motions; i++)
        {
            h.Source.Set(Motion.Value, "on");
            Assert.IsTrue(await scheduled.WaitAsync(Guard), $"motion {i} was not handled");
            largest = Math.Max(largest, h.Runtime.Callbacks.Snapshot().Count);
            h.Source.Set(Motion.Value, "off");
            h.Time.Advance(interval);
        }

        Assert.IsLessThanOrEqualTo(livePerMotion + 1, largest, "the registry holds only live callbacks");
        h.Time.Advance(delay);
        await h.AssertNoPendingCallAsync();
        Assert.AreEqual(Motions, turnedOff);
        var left = h.Runtime.Callbacks.Snapshot();
        Assert.AreEqual(1, left.Count, string.Join(", ", left.Select(c => c.Name)));
        Assert.AreEqual("motion", left[0].Name);
        Assert.AreEqual(Motions, left[0].TimesCalled);
    }

    [TestMethod]
    public async Task Cancelling_a_queued_one_shot_timer_keeps_it_from_running()
    {
        await using var h = new AppApiHarness(Start);
        var release = await BlockQueueAsync(h);
        var id = h.Callbacks.RunIn(TimeSpan.FromSeconds(5), _ =>
        {
            h.Record("cancelled timer ran");
            return Task.CompletedTask;
        });
        h.Time.Advance(TimeSpan.FromSeconds(5)); // due: queued behind the blocked callback

        Assert.IsTrue(h.Callbacks.Cancel(id));
        release();
        Assert.AreEqual("blocker done", await h.NextCallAsync());
        await h.AssertNoPendingCallAsync();
        h.AssertEnded(id);
    }

    [TestMethod]
    public async Task Cancelling_a_queued_one_shot_listener_keeps_it_from_running()
    {
        await using var h = new AppApiHarness(Start);
        var id = h.Callbacks.ListenEvent("doorbell", _ => h.Record("cancelled listener ran"), new EventListenOptions { OneShot = true });
        var release = await BlockQueueAsync(h);
        h.Source.Fire("doorbell", new { });

        Assert.IsTrue(h.Callbacks.Cancel(id));
        release();
        Assert.AreEqual("blocker done", await h.NextCallAsync());
        await h.AssertNoPendingCallAsync();
        h.AssertEnded(id);
        Assert.AreEqual(0, h.Runtime.Callbacks.Snapshot().Count);
    }

    [TestMethod]
    public async Task A_fired_one_shot_leaves_the_registry_before_its_callback_runs()
    {
        await using var h = new AppApiHarness(Start);
        CallbackId id = default!;
        id = h.Callbacks.RunIn(TimeSpan.FromSeconds(1), ct =>
        {
            h.Record($"registered while running: {h.Runtime.Callbacks.TryGet(id, out CallbackRegistration _)}; cancel: {h.Callbacks.Cancel(id)}");
            return Task.CompletedTask;
        });
        Assert.AreEqual(1, h.Runtime.Callbacks.Snapshot().Count);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual("registered while running: False; cancel: False", await h.NextCallAsync());
        Assert.AreEqual(0, h.Runtime.Callbacks.Snapshot().Count);
    }

    [TestMethod]
    public async Task A_where_predicate_runs_on_the_app_queue_never_beside_the_apps_callbacks()
    {
        await using var h = new AppApiHarness(Start);
        var inCallback = false;
        var overlapped = false;
        var predicateRuns = 0;
        h.Callbacks.ListenEvent("probe", _ => h.Record("probe"), new EventListenOptions
        {
            Where = _ =>
            {
                predicateRuns++;
                overlapped |= inCallback;
                return true;
            },
        });
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Callbacks.ListenEvent("busy", async (_, _) =>
        {
            inCallback = true;
            entered.TrySetResult();
            await gate.Task;
            inCallback = false;
            h.Record("busy done");
        });

        h.Source.Fire("busy", new { });
        await entered.Task.WaitAsync(Guard);
        h.Source.Fire("probe", new { });
        Assert.AreEqual(0, predicateRuns, "the predicate waits for its turn on the app's queue, not on the event's thread");

        gate.SetResult();
        Assert.AreEqual("busy done", await h.NextCallAsync());
        Assert.AreEqual("probe", await h.NextCallAsync());
        Assert.AreEqual(1, predicateRuns);
        Assert.IsFalse(overlapped);
    }

    [TestMethod]
    public async Task A_slow_predicate_stalls_neither_the_event_source_nor_other_apps()
    {
        await using var h = new AppApiHarness(Start);
        await using var other = new AppRuntime("other-app", NullLogger.Instance, h.Time, new DomovoyOptions());
        var otherCallbacks = new AppCallbacks(other, h.Source, null);
        using var predicateGate = new ManualResetEventSlim();
        var predicateEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Callbacks.ListenEvent("tick", _ => h.Record("slow app ran"), new EventListenOptions
        {
            Where = _ =>
            {
                predicateEntered.TrySetResult();
                return predicateGate.Wait(Guard);
            },
        });
        otherCallbacks.ListenEvent("tick", _ => otherRan.TrySetResult());

        h.Source.Fire("tick", new { }); // returns although the predicate will block: it only queued
        await predicateEntered.Task.WaitAsync(Guard);
        await otherRan.Task.WaitAsync(Guard);
        Assert.IsFalse(predicateGate.IsSet, "the other app ran while the slow predicate was still running");

        predicateGate.Set();
        Assert.AreEqual("slow app ran", await h.NextCallAsync());
        await other.StopCallbacksAsync(TimeSpan.FromSeconds(1));
    }

    [TestMethod]
    public async Task A_filtered_out_change_is_not_counted_as_a_call()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Motion.Value, "off");
        var id = h.Callbacks.ListenState(Motion, c => h.Record($"{c.New}"), new StateListenOptions<bool?> { New = true });
        h.Source.Set(Motion.Value, "on");
        h.Source.Set(Motion.Value, "off");
        Assert.AreEqual("True", await h.NextCallAsync());
        await h.AssertNoPendingCallAsync();
        Assert.AreEqual(1, h.Registration(id).TimesCalled);
    }

    /// <summary>Occupies the app's queue with a callback until the returned action is called.</summary>
    private static async Task<Action> BlockQueueAsync(AppApiHarness h)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Callbacks.ListenEvent("block", async (_, _) =>
        {
            entered.TrySetResult();
            await gate.Task;
            h.Record("blocker done");
        }, new EventListenOptions { OneShot = true });
        h.Source.Fire("block", new { });
        await entered.Task.WaitAsync(Guard);
        return gate.SetResult;
    }
}
