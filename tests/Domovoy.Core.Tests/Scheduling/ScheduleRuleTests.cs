using Domovoy.Abstractions;
using Domovoy.Core.Scheduling;

namespace Domovoy.Core.Tests.Scheduling;

/// <summary>The pure rules: wall-clock daily times, cron and sun events, across real daylight-saving transitions.</summary>
[TestClass]
public sealed class ScheduleRuleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [TestMethod]
    public void Daily_in_Berlin_spring_forward_runs_at_the_first_valid_time()
    {
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist that day.
        var rule = new DailyRule(new TimeOnly(2, 30), Berlin);
        AssertSequence(rule.NextAfter, "2026-03-27T12:00:00Z",
            "2026-03-28T02:30:00+01:00",
            "2026-03-29T03:00:00+02:00",
            "2026-03-30T02:30:00+02:00");
    }

    [TestMethod]
    public void Daily_in_Berlin_fall_back_runs_once()
    {
        // 2026-10-25: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice; only the first counts.
        var rule = new DailyRule(new TimeOnly(2, 30), Berlin);
        AssertSequence(rule.NextAfter, "2026-10-23T12:00:00Z",
            "2026-10-24T02:30:00+02:00",
            "2026-10-25T02:30:00+02:00",
            "2026-10-26T02:30:00+01:00");
    }

    [TestMethod]
    public void Daily_in_New_York_spring_forward_and_fall_back()
    {
        // 2026-03-08: 02:00 EST → 03:00 EDT. 2026-11-01: 02:00 EDT → 01:00 EST, so 01:30 happens twice.
        AssertSequence(new DailyRule(new TimeOnly(2, 30), NewYork).NextAfter, "2026-03-06T12:00:00Z",
            "2026-03-07T02:30:00-05:00",
            "2026-03-08T03:00:00-04:00",
            "2026-03-09T02:30:00-04:00");
        AssertSequence(new DailyRule(new TimeOnly(1, 30), NewYork).NextAfter, "2026-10-30T12:00:00Z",
            "2026-10-31T01:30:00-04:00",
            "2026-11-01T01:30:00-04:00",
            "2026-11-02T01:30:00-05:00");
    }

    [TestMethod]
    public void Daily_first_run_is_today_when_still_ahead_else_tomorrow()
    {
        var rule = new DailyRule(new TimeOnly(8, 0), Berlin);
        Assert.AreEqual(At("2026-06-21T08:00:00+02:00"), rule.FirstFrom(At("2026-06-21T07:59:59+02:00")));
        Assert.AreEqual(At("2026-06-21T08:00:00+02:00"), rule.FirstFrom(At("2026-06-21T08:00:00+02:00")));
        Assert.AreEqual(At("2026-06-22T08:00:00+02:00"), rule.FirstFrom(At("2026-06-21T08:00:01+02:00")));
    }

    [TestMethod]
    public void Cron_with_seconds_and_without()
    {
        var fiveFields = new CronRule("30 2 * * *", Berlin);
        AssertSequence(d => fiveFields.NextAfter(d)!.Value, "2026-03-28T12:00:00Z",
            "2026-03-29T03:00:00+02:00",
            "2026-03-30T02:30:00+02:00");

        var sixFields = new CronRule("*/20 * * * * *", Berlin);
        AssertSequence(d => sixFields.NextAfter(d)!.Value, "2026-06-21T10:00:05Z",
            "2026-06-21T10:00:20Z",
            "2026-06-21T10:00:40Z",
            "2026-06-21T10:01:00Z");

        var fallBack = new CronRule("30 2 * * *", Berlin);
        AssertSequence(d => fallBack.NextAfter(d)!.Value, "2026-10-24T12:00:00Z",
            "2026-10-25T02:30:00+02:00",
            "2026-10-26T02:30:00+01:00");
    }

    [TestMethod]
    [DataRow("not cron")]
    [DataRow("61 * * * *")]
    [DataRow("* * * * * * * *")]
    [DataRow("")]
    public void Invalid_cron_names_the_expression(string expression)
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new CronRule(expression, Berlin));
        StringAssert.Contains(ex.Message, $"'{expression}'");
    }

    [TestMethod]
    public void Sun_event_rule_follows_the_calculator_with_offset()
    {
        var location = new GeoLocation(52.52, 13.405);
        var rule = new SunEventRule(SunEvent.Sunset, TimeSpan.FromMinutes(-30), new FixedLocationProvider(location));
        var after = At("2026-06-21T12:00:00Z");
        for (var day = 21; day < 24; day++)
        {
            var expected = SolarCalculator.EventUtc(SunEvent.Sunset, new DateOnly(2026, 6, day), location)!.Value - TimeSpan.FromMinutes(30);
            var next = rule.NextAfter(after);
            Assert.AreEqual(expected, next);
            after = next!.Value;
        }
    }

    [TestMethod]
    public void Sun_event_rule_skips_polar_night()
    {
        var longyearbyen = new GeoLocation(78.22, 15.65);
        var rule = new SunEventRule(SunEvent.Sunrise, TimeSpan.Zero, new FixedLocationProvider(longyearbyen));
        var next = rule.NextAfter(At("2026-12-01T00:00:00Z"))!.Value;
        Assert.IsTrue(next > At("2027-02-01T00:00:00Z") && next < At("2027-03-01T00:00:00Z"), $"first sunrise after the polar night: {next:O}");
    }

    [TestMethod]
    public void Sun_event_rule_without_location_explains()
    {
        var rule = new SunEventRule(SunEvent.Sunrise, TimeSpan.Zero, new FixedLocationProvider(null));
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => rule.NextAfter(At("2026-06-21T00:00:00Z")));
        StringAssert.Contains(ex.Message, "latitude");
    }

    private static void AssertSequence(Func<DateTimeOffset, DateTimeOffset> next, string start, params string[] expected)
    {
        var at = At(start);
        foreach (var e in expected)
        {
            at = next(at);
            Assert.AreEqual(At(e), at, $"expected {e}, got {TimeZoneInfo.ConvertTime(at, Berlin):O} / {at.UtcDateTime:O}Z");
        }
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
