using Domovoy.Abstractions;
using Domovoy.Core.Scheduling;
using Domovoy.Core.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Tests.Scheduling;

/// <summary>
/// The misfire rule against a wall clock that steps (NTP after boot, a VM resume, a corrected RTC) while timers follow
/// elapsed time, as on a real host: occurrences found more than the misfire grace late are skipped with one line, a
/// backward step never runs an occurrence twice, daily jobs run at most once per local day.
/// </summary>
[TestClass]
public sealed class MisfireTests
{
    private const int MisfireEventId = 3101;
    private static readonly GeoLocation Berlin = new(52.52, 13.405);
    private static readonly GeoLocation Lisbon = new(38.72, -9.14);

    [TestMethod]
    public async Task A_forward_step_past_a_daily_job_skips_it_with_one_line_and_it_runs_the_next_day()
    {
        // Booted believing it is 06:00; NTP then steps the clock to 10:00. 07:00 must not run at 10:00.
        await using var h = new AppApiHarness(At("2026-06-15T04:00:00Z"), "Europe/Berlin");
        var id = h.Callbacks.RunDaily(new TimeOnly(7, 0), h.RecordTime, "OpenBlinds");
        h.Wall.StepTo(At("2026-06-15T08:00:00Z"));
        h.Time.Advance(TimeSpan.FromSeconds(30));

        await h.AssertNoPendingCallAsync();
        var line = MisfireLines(h).Single();
        Assert.AreEqual(LogLevel.Information, line.Level);
        Assert.AreEqual(
            "App test-app: skipped OpenBlinds scheduled for 2026-06-15 07:00:00 +02:00: found 03:00:30 late, more than the misfire grace of 00:01:00; next run 2026-06-16 07:00:00 +02:00",
            line.Message);
        Assert.AreEqual(At("2026-06-16T05:00:00Z"), h.Registration(id).NextRun);
        Assert.AreEqual(0, h.Registration(id).TimesCalled);

        await ExpectRunAtWallAsync(h, "2026-06-16T05:00:00Z");
        Assert.AreEqual(1, MisfireLines(h).Count);
    }

    [TestMethod]
    public async Task A_backward_step_after_a_daily_run_does_not_run_it_again()
    {
        await using var h = new AppApiHarness(At("2026-06-15T04:00:00Z"), "Europe/Berlin");
        var id = h.Callbacks.RunDaily(new TimeOnly(7, 0), h.RecordTime, "OpenBlinds");
        await ExpectRunAtWallAsync(h, "2026-06-15T05:00:00Z");

        // At 07:30 the clock steps back an hour and passes 07:00 again.
        h.Time.Advance(TimeSpan.FromMinutes(30));
        h.Wall.Step(TimeSpan.FromHours(-1));
        h.Time.Advance(TimeSpan.FromMinutes(30));
        h.Time.Advance(TimeSpan.FromMinutes(30));
        await h.AssertNoPendingCallAsync();
        Assert.AreEqual(1, h.Registration(id).TimesCalled);
        Assert.AreEqual(At("2026-06-16T05:00:00Z"), h.Registration(id).NextRun);

        await ExpectRunAtWallAsync(h, "2026-06-16T05:00:00Z");
        Assert.AreEqual(0, MisfireLines(h).Count);
    }

    [TestMethod]
    public async Task Spring_forward_in_Berlin_with_a_step_past_the_moved_time_skips_it_once()
    {
        // 02:30 does not exist on 2026-03-29 and moves to 03:00 CEST (01:00Z); the clock is stepped from 01:50 CET to
        // 03:10 CEST, so that run is found ten minutes late.
        await using var h = new AppApiHarness(At("2026-03-29T00:50:00Z"), "Europe/Berlin");
        var id = h.Callbacks.RunDaily(new TimeOnly(2, 30), h.RecordTime, "Nightly");
        Assert.AreEqual(At("2026-03-29T01:00:00Z"), h.Registration(id).NextRun);
        h.Wall.StepTo(At("2026-03-29T01:10:00Z"));
        h.Time.Advance(TimeSpan.FromSeconds(30));

        await h.AssertNoPendingCallAsync();
        StringAssert.Contains(MisfireLines(h).Single().Message, "scheduled for 2026-03-29 03:00:00 +02:00: found 00:10:30 late");
        await ExpectRunAtWallAsync(h, "2026-03-30T00:30:00Z"); // 02:30 CEST the next night
    }

    [TestMethod]
    public async Task Fall_back_in_Berlin_with_a_backward_step_runs_the_repeated_time_once()
    {
        // 02:30 happens twice on 2026-10-25 (00:30Z CEST, 01:30Z CET); it runs at the first only, even when the clock is
        // also stepped back across it afterwards.
        await using var h = new AppApiHarness(At("2026-10-24T22:00:00Z"), "Europe/Berlin");
        var id = h.Callbacks.RunDaily(new TimeOnly(2, 30), h.RecordTime, "Nightly");
        await ExpectRunAtWallAsync(h, "2026-10-25T00:30:00Z");
        h.Time.Advance(TimeSpan.FromMinutes(15));
        h.Wall.Step(TimeSpan.FromMinutes(-30));
        for (var i = 0; i < 8; i++)
        {
            h.Time.Advance(TimeSpan.FromMinutes(15)); // through 00:30Z again and the second 02:30 (01:30Z)
        }

        await h.AssertNoPendingCallAsync();
        Assert.AreEqual(1, h.Registration(id).TimesCalled);
        await ExpectRunAtWallAsync(h, "2026-10-26T01:30:00Z");
        Assert.AreEqual(0, MisfireLines(h).Count);
    }

    [TestMethod]
    public async Task A_sun_job_runs_once_on_the_day_its_location_moves_west_after_the_run()
    {
        var location = new ReportedLocationProvider();
        location.Report(Berlin.Latitude, Berlin.Longitude, 0);
        await using var h = new AppApiHarness(At("2026-06-20T12:00:00Z"), "Europe/Berlin", locationProvider: location);
        var id = h.Callbacks.RunDailyOnSunEvent(SunEvent.Sunset, h.RecordTime, name: "PorchLight");
        var berlinSunset = SolarCalculator.EventUtc(SunEvent.Sunset, new DateOnly(2026, 6, 20), Berlin)!.Value;
        await ExpectRunAtWallAsync(h, berlinSunset);

        // Home Assistant now reports Lisbon, where the sun sets later the same (Berlin) day: it must not run again today.
        location.Report(Lisbon.Latitude, Lisbon.Longitude, 0);
        var lisbonToday = SolarCalculator.EventUtc(SunEvent.Sunset, new DateOnly(2026, 6, 20), Lisbon)!.Value;
        var lisbonTomorrow = SolarCalculator.EventUtc(SunEvent.Sunset, new DateOnly(2026, 6, 21), Lisbon)!.Value;
        Assert.IsGreaterThan(berlinSunset, lisbonToday);
        Assert.AreEqual(ZonedTime.LocalDate(berlinSunset, h.Zone), ZonedTime.LocalDate(lisbonToday, h.Zone), "the same local day");
        h.Time.SetUtcNow(lisbonToday + TimeSpan.FromMinutes(1));
        await h.AssertNoPendingCallAsync();
        Assert.AreEqual(1, h.Registration(id).TimesCalled);
        Assert.AreEqual(lisbonTomorrow, h.Registration(id).NextRun);

        await ExpectRunAtWallAsync(h, lisbonTomorrow);
    }

    [TestMethod]
    public async Task A_sun_job_follows_a_location_reported_before_its_run()
    {
        var location = new ReportedLocationProvider();
        location.Report(Berlin.Latitude, Berlin.Longitude, 0);
        await using var h = new AppApiHarness(At("2026-06-20T10:00:00Z"), "Europe/Berlin", locationProvider: location);
        var id = h.Callbacks.RunDailyOnSunEvent(SunEvent.Sunset, h.RecordTime, name: "PorchLight");
        Assert.AreEqual(SolarCalculator.EventUtc(SunEvent.Sunset, new DateOnly(2026, 6, 20), Berlin), h.Registration(id).NextRun);

        location.Report(Lisbon.Latitude, Lisbon.Longitude, 0);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var lisbonToday = SolarCalculator.EventUtc(SunEvent.Sunset, new DateOnly(2026, 6, 20), Lisbon)!.Value;
        Assert.AreEqual(lisbonToday, h.Registration(id).NextRun, "the new location applies to the next run");
        await ExpectRunAtWallAsync(h, lisbonToday);
        Assert.AreEqual(1, h.Registration(id).TimesCalled);
    }

    [TestMethod]
    public async Task A_sun_job_is_not_run_twice_when_the_clock_steps_back_across_it()
    {
        await using var h = new AppApiHarness(At("2026-06-20T12:00:00Z"), "Europe/Berlin", location: Berlin);
        var id = h.Callbacks.RunDailyOnSunEvent(SunEvent.Sunset, h.RecordTime, name: "PorchLight");
        var sunset = SolarCalculator.EventUtc(SunEvent.Sunset, new DateOnly(2026, 6, 20), Berlin)!.Value;
        await ExpectRunAtWallAsync(h, sunset);
        h.Wall.Step(TimeSpan.FromHours(-2));
        h.Time.Advance(TimeSpan.FromHours(3));
        await h.AssertNoPendingCallAsync();
        Assert.AreEqual(1, h.Registration(id).TimesCalled);
    }

    [TestMethod]
    public async Task Per_call_misfire_grace_overrides_the_host_default_both_ways()
    {
        await using var h = new AppApiHarness(At("2026-06-15T04:00:00Z"), "Europe/Berlin");
        var lenient = h.Callbacks.WithScheduleOptions(new ScheduleOptions { MisfireGrace = TimeSpan.FromHours(4) });
        var strict = h.Callbacks.WithScheduleOptions(new ScheduleOptions { MisfireGrace = TimeSpan.FromSeconds(5) });
        var backup = lenient.RunDaily(new TimeOnly(7, 0), _ => Record(h, "backup"), "Backup");
        var blinds = h.Callbacks.RunDaily(new TimeOnly(7, 0), _ => Record(h, "blinds"), "OpenBlinds");

        // Three hours late: within the lenient grace, beyond the host's 60 s.
        h.Wall.StepTo(At("2026-06-15T08:00:00Z"));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.AreEqual("backup", await h.NextCallAsync());
        await h.AssertNoPendingCallAsync();
        StringAssert.Contains(MisfireLines(h).Single().Message, "skipped OpenBlinds");

        // Ten seconds late: beyond the strict grace, within the host's 60 s.
        var wall = h.Wall.GetUtcNow();
        var quick = strict.RunAt(wall + TimeSpan.FromSeconds(20), _ => Record(h, "strict"), "Strict");
        var normal = h.Callbacks.RunAt(wall + TimeSpan.FromSeconds(20), _ => Record(h, "normal"), "Normal");
        h.Time.Advance(TimeSpan.FromSeconds(15));
        h.Wall.Step(TimeSpan.FromSeconds(15)); // now 10 s past both
        h.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.AreEqual("normal", await h.NextCallAsync());
        await h.AssertNoPendingCallAsync();
        Assert.AreEqual(2, MisfireLines(h).Count);
        StringAssert.Contains(MisfireLines(h)[1].Message, "skipped Strict");
        StringAssert.Contains(MisfireLines(h)[1].Message, "misfire grace of 00:00:05; next run none");
        Assert.IsFalse(h.Runtime.Callbacks.TryGet(quick, out _), "a skipped one-shot is finished and leaves the registry");
        Assert.IsFalse(h.Runtime.Callbacks.TryGet(normal, out _));
        Assert.IsTrue(h.Registration(backup).IsActive && h.Registration(blinds).IsActive);

        Assert.IsTrue(h.Callbacks.Cancel(backup), "ids made through the options view cancel through the plugin");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => h.Callbacks.WithScheduleOptions(new ScheduleOptions { MisfireGrace = TimeSpan.FromMilliseconds(500) }));
    }

    [TestMethod]
    public async Task The_host_misfire_grace_comes_from_the_options()
    {
        await using var h = new AppApiHarness(At("2026-06-15T04:00:00Z"), "Europe/Berlin", misfireGrace: TimeSpan.FromHours(6));
        h.Callbacks.RunDaily(new TimeOnly(7, 0), _ => Record(h, "blinds"), "OpenBlinds");
        h.Wall.StepTo(At("2026-06-15T08:00:00Z"));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.AreEqual("blinds", await h.NextCallAsync());
        Assert.AreEqual(0, MisfireLines(h).Count);
    }

    [TestMethod]
    public async Task RunIn_follows_elapsed_time_whatever_the_wall_clock_does()
    {
        await using var h = new AppApiHarness(At("2026-06-15T12:00:00Z"));
        h.Callbacks.RunIn(TimeSpan.FromSeconds(30), _ => Record(h, "forward"), "Forward");
        h.Wall.Step(TimeSpan.FromHours(3));
        h.Time.Advance(TimeSpan.FromSeconds(29));
        await h.AssertNoPendingCallAsync();
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual("forward", await h.NextCallAsync());

        h.Callbacks.RunIn(TimeSpan.FromSeconds(30), _ => Record(h, "backward"), "Backward");
        h.Wall.Step(TimeSpan.FromHours(-6));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.AreEqual("backward", await h.NextCallAsync());

        // A delay is not an appointment: even a timer that fires long after its time (a starved host) still runs.
        h.Callbacks.RunIn(TimeSpan.FromSeconds(30), _ => Record(h, "late"), "Late");
        h.Time.Advance(TimeSpan.FromHours(1));
        Assert.AreEqual("late", await h.NextCallAsync());
        Assert.AreEqual(0, MisfireLines(h).Count);
    }

    [TestMethod]
    public async Task RunEvery_skips_the_runs_a_forward_step_jumped_over_and_never_repeats_one_after_a_backward_step()
    {
        await using var h = new AppApiHarness(At("2026-06-15T12:00:00Z"));
        var id = h.Callbacks.RunEvery(TimeSpan.FromMinutes(10), h.RecordTime, start: At("2026-06-15T12:10:00Z"), name: "Poll");
        await ExpectRunAtWallAsync(h, "2026-06-15T12:10:00Z");

        // Forward an hour: 12:20 … 13:10 are skipped with one line; the grid continues at 13:20.
        h.Wall.Step(TimeSpan.FromHours(1));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        await h.AssertNoPendingCallAsync();
        var line = MisfireLines(h).Single().Message;
        StringAssert.Contains(line, "skipped Poll scheduled for 2026-06-15 12:20:00 +00:00: found 00:50:30 late");
        StringAssert.Contains(line, "next run 2026-06-15 13:20:00 +00:00");
        await ExpectRunAtWallAsync(h, "2026-06-15T13:20:00Z");

        // Back 25 minutes (to 12:55): 13:20 does not run again; the next run is 13:30 by the wall clock.
        h.Wall.Step(TimeSpan.FromMinutes(-25));
        Assert.AreEqual(At("2026-06-15T13:30:00Z"), h.Registration(id).NextRun);
        for (var i = 0; i < 69; i++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(30)); // wall 12:55 → 13:29:30
        }

        await h.AssertNoPendingCallAsync();
        await ExpectRunAtWallAsync(h, "2026-06-15T13:30:00Z");
        Assert.AreEqual(3, h.Registration(id).TimesCalled);
        Assert.AreEqual(1, MisfireLines(h).Count);
    }

    private static Task Record(AppApiHarness h, string label)
    {
        h.Record(label);
        return Task.CompletedTask;
    }

    private static List<Infrastructure.LogSink.LogLine> MisfireLines(AppApiHarness h)
        => [.. h.Logs.Lines.Where(l => l.EventId.Id == MisfireEventId)];

    /// <summary>Moves elapsed time until the wall clock reads <paramref name="wallUtc"/> and expects a run recorded then.</summary>
    private static Task ExpectRunAtWallAsync(AppApiHarness h, string wallUtc) => ExpectRunAtWallAsync(h, At(wallUtc));

    private static async Task ExpectRunAtWallAsync(AppApiHarness h, DateTimeOffset wall)
    {
        var offset = h.Wall.GetUtcNow() - h.Time.GetUtcNow();
        h.Time.SetUtcNow(wall - offset - TimeSpan.FromSeconds(1));
        h.Time.SetUtcNow(wall - offset);
        Assert.AreEqual(wall.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture), await h.NextCallAsync());
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
