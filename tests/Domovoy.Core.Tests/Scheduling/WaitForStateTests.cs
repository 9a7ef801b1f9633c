using Domovoy.Abstractions;
using Domovoy.Core.Tests.Support;

namespace Domovoy.Core.Tests.Scheduling;

[TestClass]
public sealed class WaitForStateTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly LockEntity Door = new("lock.front_door");
    private static readonly BinarySensorEntity Motion = new("binary_sensor.hall_motion");
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [TestMethod]
    public async Task Completes_at_once_when_already_in_state()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Motion.Value, "on");
        Assert.IsTrue(await h.Callbacks.WaitForStateAsync(Motion, true).WaitAsync(Guard));
        Assert.AreEqual(0, h.Source.EntitySubscribers(Motion.Value));
        Assert.AreEqual(0, h.Runtime.Callbacks.Snapshot().Count, "the wait leaves nothing registered");
    }

    [TestMethod]
    public async Task Completes_when_one_of_the_states_is_reached()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Door.Value, "unlocked");
        var wait = h.Callbacks.WaitForStateAsync(Door, [LockState.Locked, LockState.Jammed]);
        Assert.IsFalse(wait.IsCompleted);
        h.Source.Set(Door.Value, "locking");
        Assert.IsFalse(wait.IsCompleted);
        h.Source.Set(Door.Value, "jammed");
        Assert.AreEqual(LockState.Jammed, await wait.WaitAsync(Guard));
        Assert.AreEqual(0, h.Source.EntitySubscribers(Door.Value));
    }

    [TestMethod]
    public async Task Duration_counts_time_already_spent_and_restarts_on_change()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Motion.Value, "off", lastChanged: Start - TimeSpan.FromMinutes(4));
        var wait = h.Callbacks.WaitForStateAsync(Motion, false, duration: TimeSpan.FromMinutes(5));
        h.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.IsFalse(wait.IsCompleted);
        h.Source.Set(Motion.Value, "on");
        h.Source.Set(Motion.Value, "off"); // the hold restarts: five full minutes from now
        h.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.IsFalse(wait.IsCompleted);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.IsFalse(await wait.WaitAsync(Guard));
    }

    [TestMethod]
    public async Task Timeout_throws_and_removes_the_listener()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Door.Value, "unlocked");
        var wait = h.Callbacks.WaitForStateAsync(Door, LockState.Locked, timeout: TimeSpan.FromSeconds(30));
        Assert.AreEqual(1, h.Source.EntitySubscribers(Door.Value));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        var ex = await Assert.ThrowsExactlyAsync<TimeoutException>(() => wait.WaitAsync(Guard));
        StringAssert.Contains(ex.Message, "lock.front_door");
        Assert.AreEqual(0, h.Source.EntitySubscribers(Door.Value), "the listener is gone after the timeout");
        Assert.AreEqual(0, h.Runtime.Callbacks.Snapshot().Count);

        h.Source.Set(Door.Value, "locked"); // nothing left to react
    }

    [TestMethod]
    public async Task Cancellation_removes_the_listener()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Door.Value, "unlocked");
        using var cts = new CancellationTokenSource();
        var wait = h.Callbacks.WaitForStateAsync(Door, LockState.Locked, cancellationToken: cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAsync<OperationCanceledException>(() => wait.WaitAsync(Guard));
        Assert.AreEqual(0, h.Source.EntitySubscribers(Door.Value));
    }

    [TestMethod]
    public async Task Can_be_awaited_inside_a_callback_without_blocking_the_queue()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Door.Value, "unlocked");
        h.Source.Set(Motion.Value, "off");
        h.Callbacks.ListenState(Motion, async c =>
        {
            h.Record("waiting");
            var state = await h.Callbacks.WaitForStateAsync(Door, LockState.Locked, timeout: TimeSpan.FromMinutes(1));
            h.Record($"door {state}");
        }, new StateListenOptions<bool?> { New = true });

        h.Source.Set(Motion.Value, "on");
        Assert.AreEqual("waiting", await h.NextCallAsync());
        h.Source.Set(Door.Value, "locked");
        Assert.AreEqual("door Locked", await h.NextCallAsync());
    }
}
