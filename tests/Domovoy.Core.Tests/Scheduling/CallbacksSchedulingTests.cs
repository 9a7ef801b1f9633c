using Domovoy.Abstractions;
using Domovoy.Core.Scheduling;
using Domovoy.Core.Tests.Support;

namespace Domovoy.Core.Tests.Scheduling;

/// <summary>The schedule methods end to end: registration, fake clock, the app's queue, Cancel.</summary>
[TestClass]
public sealed class CallbacksSchedulingTests
{
    private static readonly GeoLocation BerlinLocation = new(52.52, 13.405);

    [TestMethod]
    public async Task RunDaily_in_Berlin_spring_forward_runs_at_the_first_valid_time()
    {
        await using var h = new AppApiHarness(At("2026-03-28T12:00:00Z"), "Europe/Berlin");
        var id = h.Callbacks.RunDaily(new TimeOnly(2, 30), h.RecordTime);

        // Spring forward: 02:30 does not exist on 2026-03-29; it runs at 03:00 CEST (01:00Z).
        await ExpectRunAsync(h, id, "2026-03-29T01:00:00Z");
        await ExpectRunAsync(h, id, "2026-03-30T00:30:00Z");
    }

    [TestMethod]
    public async Task RunDaily_in_Berlin_fall_back_runs_once()
    {
        await using var h = new AppApiHarness(At("2026-10-24T12:00:00Z"), "Europe/Berlin");
        var id = h.Callbacks.RunDaily(new TimeOnly(2, 30), h.RecordTime);

        // Fall back: 02:30 happens twice on 2026-10-25; it runs at the first (00:30Z) only.
        await ExpectRunAsync(h, id, "2026-10-25T00:30:00Z");
        Assert.AreEqual(At("2026-10-26T01:30:00Z"), h.Registration(id).NextRun);
        h.Time.SetUtcNow(At("2026-10-25T01:30:00Z")); // the second 02:30, now CET
        await h.AssertNoPendingCallAsync();
        await ExpectRunAsync(h, id, "2026-10-26T01:30:00Z");
    }

    [TestMethod]
    public async Task RunDaily_in_New_York_spring_forward()
    {
        await using var h = new AppApiHarness(At("2026-03-07T12:00:00Z"), "America/New_York");
        var id = h.Callbacks.RunDaily(new TimeOnly(2, 30), h.RecordTime);
        await ExpectRunAsync(h, id, "2026-03-08T07:00:00Z"); // 03:00 EDT
        await ExpectRunAsync(h, id, "2026-03-09T06:30:00Z"); // 02:30 EDT
    }

    [TestMethod]
    public async Task RunEvery_does_not_drift_when_runs_fire_late_or_cross_DST()
    {
        await using var h = new AppApiHarness(At("2026-03-29T00:00:00Z"), "Europe/Berlin");
        var start = At("2026-03-29T00:10:00Z");
        var id = h.Callbacks.RunEvery(TimeSpan.FromMinutes(30), h.RecordTime, start);
        for (var k = 0; k < 6; k++)
        {
            var due = start + TimeSpan.FromMinutes(30 * k);
            Assert.AreEqual(due, h.Registration(id).NextRun);

            // Fire 7 seconds late each time: the next run stays on the start + k·30 min grid.
            h.Time.SetUtcNow(due + TimeSpan.FromSeconds(7));
            Assert.AreEqual((due + TimeSpan.FromSeconds(7)).ToString("O", System.Globalization.CultureInfo.InvariantCulture), await h.NextCallAsync());
        }

        Assert.AreEqual(start + TimeSpan.FromMinutes(180), h.Registration(id).NextRun);
    }

    [TestMethod]
    public async Task RunHourly_minutely_secondly_default_to_one_period_from_now()
    {
        await using var h = new AppApiHarness(At("2026-06-21T10:00:00Z"), "Europe/Berlin");
        var hourly = h.Callbacks.RunHourly(h.RecordTime);
        var minutely = h.Callbacks.RunMinutely(h.RecordTime);
        var secondly = h.Callbacks.RunSecondly(h.RecordTime, start: At("2026-06-21T10:00:00.5Z"));
        Assert.AreEqual(At("2026-06-21T11:00:00Z"), h.Registration(hourly).NextRun);
        Assert.AreEqual(At("2026-06-21T10:01:00Z"), h.Registration(minutely).NextRun);
        Assert.AreEqual(At("2026-06-21T10:00:00.5Z"), h.Registration(secondly).NextRun);
        h.Time.SetUtcNow(At("2026-06-21T10:00:00.5Z"));
        Assert.AreEqual(AppApiHarness.Utc("2026-06-21T10:00:00.5Z"), await h.NextCallAsync());
        Assert.AreEqual(At("2026-06-21T10:00:01.5Z"), h.Registration(secondly).NextRun);
    }

    [TestMethod]
    public async Task RunOnce_runs_at_the_next_occurrence_then_finishes()
    {
        await using var h = new AppApiHarness(At("2026-06-21T10:00:00Z"), "Europe/Berlin"); // 12:00 CEST
        var id = h.Callbacks.RunOnce(new TimeOnly(7, 0), h.RecordTime);
        Assert.AreEqual(At("2026-06-22T05:00:00Z"), h.Registration(id).NextRun, "07:00 has passed today, so tomorrow");
        await ExpectRunAsync(h, id, "2026-06-22T05:00:00Z");
        h.AssertEnded(id);
        Assert.IsFalse(h.Callbacks.Cancel(id));
    }

    [TestMethod]
    public async Task RunCron_runs_and_cancels()
    {
        await using var h = new AppApiHarness(At("2026-06-21T10:00:05Z"), "Europe/Berlin");
        var id = h.Callbacks.RunCron("*/20 * * * * *", h.RecordTime);
        await ExpectRunAsync(h, id, "2026-06-21T10:00:20Z");
        await ExpectRunAsync(h, id, "2026-06-21T10:00:40Z");
        Assert.IsTrue(h.Callbacks.Cancel(id));
        h.Time.SetUtcNow(At("2026-06-21T10:01:00Z"));
        await h.AssertNoPendingCallAsync();
    }

    [TestMethod]
    public async Task RunCron_rejects_invalid_expressions_by_name()
    {
        await using var h = new AppApiHarness(At("2026-06-21T10:00:00Z"), "Europe/Berlin");
        var ex = Assert.ThrowsExactly<ArgumentException>(() => h.Callbacks.RunCron("every day", h.RecordTime));
        StringAssert.Contains(ex.Message, "'every day'");
        Assert.AreEqual(0, h.Runtime.Callbacks.ActiveCount, "nothing registered");
    }

    [TestMethod]
    public async Task RunDailyOnSunEvent_keeps_one_id_across_days_and_cancels()
    {
        await using var h = new AppApiHarness(At("2026-06-20T12:00:00Z"), "Europe/Berlin", location: BerlinLocation);
        var offset = TimeSpan.FromMinutes(-15);
        var id = h.Callbacks.RunDailyOnSunEvent(SunEvent.Sunset, h.RecordTime, offset);
        for (var day = 20; day <= 22; day++)
        {
            var expected = SolarCalculator.EventUtc(SunEvent.Sunset, new DateOnly(2026, 6, day), BerlinLocation)!.Value + offset;
            Assert.AreEqual(expected, h.Registration(id).NextRun);
            h.Time.SetUtcNow(expected);
            Assert.AreEqual(expected.ToString("O", System.Globalization.CultureInfo.InvariantCulture), await h.NextCallAsync());
        }

        Assert.AreEqual(3, h.Registration(id).TimesCalled);
        Assert.IsTrue(h.Callbacks.Cancel(id), "the id returned at registration still cancels after several runs");
        h.Time.SetUtcNow(At("2026-06-24T00:00:00Z"));
        await h.AssertNoPendingCallAsync();
    }

    [TestMethod]
    public async Task RunDailyOnSunEvent_without_location_throws_clearly()
    {
        await using var h = new AppApiHarness(At("2026-06-20T12:00:00Z"), "Europe/Berlin");
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => h.Callbacks.RunDailyOnSunEvent(SunEvent.Dawn, h.RecordTime));
        StringAssert.Contains(ex.Message, "location");
    }

    [TestMethod]
    public async Task Sync_overloads_run()
    {
        await using var h = new AppApiHarness(At("2026-06-21T10:00:00Z"), "Europe/Berlin");
        ICallbacksPlugin callbacks = h.Callbacks;
        callbacks.RunDaily(new TimeOnly(12, 30), () => h.Record("sync"));
        callbacks.RunCron("0 31 12 * * *", async () =>
        {
            await Task.Yield();
            h.Record("async");
        });
        h.Time.SetUtcNow(At("2026-06-21T10:30:00Z"));
        Assert.AreEqual("sync", await h.NextCallAsync());
        h.Time.SetUtcNow(At("2026-06-21T10:31:00Z"));
        Assert.AreEqual("async", await h.NextCallAsync());
    }

    private static async Task ExpectRunAsync(AppApiHarness h, CallbackId id, string dueUtc)
    {
        var due = At(dueUtc);
        Assert.AreEqual(due, h.Registration(id).NextRun, "next run");
        h.Time.SetUtcNow(due - TimeSpan.FromSeconds(1));
        h.Time.SetUtcNow(due);
        Assert.AreEqual(AppApiHarness.Utc(dueUtc), await h.NextCallAsync());
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
