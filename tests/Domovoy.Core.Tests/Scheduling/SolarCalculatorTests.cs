using Domovoy.Abstractions;
using Domovoy.Core.Scheduling;

namespace Domovoy.Core.Tests.Scheduling;

/// <summary>
/// Sun times against published almanac values (to the minute, so the tolerance is one minute). Sources are named per
/// case; all published times are converted to UTC here.
/// </summary>
[TestClass]
public sealed class SolarCalculatorTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(1);

    // timeanddate.com/sun/uk/london for 2015-12-01, as used by the test suite of the Python "astral" package
    // (tests: "Test data taken from http://www.timeanddate.com/sun/uk/london"). timeanddate's London: 51.508N 0.126W.
    private static readonly GeoLocation London = new(51.508, -0.126);

    // New York City (Central Park/Manhattan, 40.7128N 74.0060W). CBS News New York, "Winter solstice 2023: Sunrise and
    // sunset times for NYC as days start to get longer" (2023-12-21): sunrise 7:16 a.m. and sunset 4:31 p.m. on Dec 21,
    // 7:16 a.m. and 4:32 p.m. on Dec 22; sunset 4:39 p.m. on 2024-01-01, 5:47 p.m. on 2024-03-01 and, after the
    // switch to daylight saving, 6:57 p.m. (EDT) on 2024-03-10.
    private static readonly GeoLocation NewYork = new(40.7128, -74.0060);

    // Berlin, 52.52N 13.405E.
    private static readonly GeoLocation Berlin = new(52.52, 13.405);

    [TestMethod]
    [DataRow(SunEvent.Dawn, "2015-12-01T07:04:00Z")]
    [DataRow(SunEvent.Sunrise, "2015-12-01T07:43:00Z")]
    [DataRow(SunEvent.Sunset, "2015-12-01T15:55:00Z")]
    public void London_matches_timeanddate(SunEvent sunEvent, string published)
        => AssertNear(SolarCalculator.EventUtc(sunEvent, new DateOnly(2015, 12, 1), London), published);

    [TestMethod]
    [DataRow("2023-12-21", SunEvent.Sunrise, "2023-12-21T07:16:00-05:00")]
    [DataRow("2023-12-21", SunEvent.Sunset, "2023-12-21T16:31:00-05:00")]
    [DataRow("2023-12-22", SunEvent.Sunrise, "2023-12-22T07:16:00-05:00")]
    [DataRow("2023-12-22", SunEvent.Sunset, "2023-12-22T16:32:00-05:00")]
    [DataRow("2024-01-01", SunEvent.Sunset, "2024-01-01T16:39:00-05:00")]
    [DataRow("2024-03-01", SunEvent.Sunset, "2024-03-01T17:47:00-05:00")]
    [DataRow("2024-03-10", SunEvent.Sunset, "2024-03-10T18:57:00-04:00")]
    public void New_York_matches_published_times(string date, SunEvent sunEvent, string published)
        => AssertNear(SolarCalculator.EventUtc(sunEvent, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), NewYork), published);

    // Berlin, June solstice: Bild, "Kalendarischer Sommerbeginn: Freitag ist der längste Tag des Jahres" (2019-06-21):
    // sunrise 4.43, sunset 21.33 (CEST). December solstice: Stiftung Planetarium Berlin, quoted by Tagesspiegel
    // Checkpoint for the Saturday winter solstice 2024-12-21: sunrise 8:14:38, sunset 15:54:41 (CET, averaged over the
    // city); rbb24 (2024-12-21) gives 8:15 and 15:54.
    [TestMethod]
    [DataRow("2019-06-21", SunEvent.Sunrise, "2019-06-21T04:43:00+02:00")]
    [DataRow("2019-06-21", SunEvent.Sunset, "2019-06-21T21:33:00+02:00")]
    [DataRow("2024-12-21", SunEvent.Sunrise, "2024-12-21T08:14:38+01:00")]
    [DataRow("2024-12-21", SunEvent.Sunset, "2024-12-21T15:54:41+01:00")]
    public void Berlin_matches_published_solstice_times(string date, SunEvent sunEvent, string published)
        => AssertNear(SolarCalculator.EventUtc(sunEvent, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Berlin), published);

    // The 2026 solstices against the same published clock times: on a given calendar date the sun's times repeat
    // within seconds from year to year (a leap-year cycle shifts them by well under a minute at the solstices).
    [TestMethod]
    [DataRow("2026-06-21", SunEvent.Sunrise, "2026-06-21T04:43:00+02:00")]
    [DataRow("2026-06-21", SunEvent.Sunset, "2026-06-21T21:33:00+02:00")]
    [DataRow("2026-12-21", SunEvent.Sunrise, "2026-12-21T08:14:38+01:00")]
    [DataRow("2026-12-21", SunEvent.Sunset, "2026-12-21T15:54:41+01:00")]
    public void Berlin_2026_solstices_match_the_published_clock_times(string date, SunEvent sunEvent, string published)
        => AssertNear(SolarCalculator.EventUtc(sunEvent, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Berlin), published);

    [TestMethod]
    public void Berlin_solstices_are_ordered_and_plausible()
    {
        foreach (var date in new[] { new DateOnly(2026, 6, 21), new DateOnly(2026, 12, 21) })
        {
            var times = new[] { SunEvent.Dawn, SunEvent.Sunrise, SunEvent.Noon, SunEvent.Sunset, SunEvent.Dusk }
                .Select(e => SolarCalculator.EventUtc(e, date, Berlin)!.Value)
                .ToArray();
            for (var i = 1; i < times.Length; i++)
            {
                Assert.IsTrue(times[i] > times[i - 1], $"{date}: events out of order: {string.Join(", ", times)}");
            }
        }

        var summerDay = SolarCalculator.EventUtc(SunEvent.Sunset, new DateOnly(2026, 6, 21), Berlin)!.Value
            - SolarCalculator.EventUtc(SunEvent.Sunrise, new DateOnly(2026, 6, 21), Berlin)!.Value;
        var winterDay = SolarCalculator.EventUtc(SunEvent.Sunset, new DateOnly(2026, 12, 21), Berlin)!.Value
            - SolarCalculator.EventUtc(SunEvent.Sunrise, new DateOnly(2026, 12, 21), Berlin)!.Value;

        // Day lengths of Berlin's solstices: about 16 h 50 min and 7 h 40 min.
        Assert.AreEqual(16 * 60 + 50, summerDay.TotalMinutes, 3, $"summer day length {summerDay}");
        Assert.AreEqual(7 * 60 + 40, winterDay.TotalMinutes, 3, $"winter day length {winterDay}");
    }

    [TestMethod]
    public void Polar_night_has_no_sunrise()
    {
        var tromsoNorth = new GeoLocation(78.22, 15.65); // Longyearbyen
        Assert.IsNull(SolarCalculator.EventUtc(SunEvent.Sunrise, new DateOnly(2026, 12, 21), tromsoNorth));
        Assert.IsNull(SolarCalculator.EventUtc(SunEvent.Sunset, new DateOnly(2026, 6, 21), tromsoNorth));
        Assert.IsNotNull(SolarCalculator.EventUtc(SunEvent.Noon, new DateOnly(2026, 6, 21), tromsoNorth));
    }

    [TestMethod]
    public void Elevation_moves_sunrise_earlier_and_sunset_later()
    {
        var date = new DateOnly(2026, 3, 20);
        var low = SolarCalculator.EventUtc(SunEvent.Sunrise, date, Berlin)!.Value;
        var high = SolarCalculator.EventUtc(SunEvent.Sunrise, date, Berlin with { Elevation = 1000 })!.Value;
        Assert.IsTrue(high < low);
        Assert.IsTrue(SolarCalculator.EventUtc(SunEvent.Sunset, date, Berlin with { Elevation = 1000 }) > SolarCalculator.EventUtc(SunEvent.Sunset, date, Berlin));
    }

    [TestMethod]
    public void Between_dawn_and_dusk_agrees_with_the_event_times()
    {
        var date = new DateOnly(2026, 12, 21);
        var dawn = SolarCalculator.EventUtc(SunEvent.Dawn, date, Berlin)!.Value;
        var dusk = SolarCalculator.EventUtc(SunEvent.Dusk, date, Berlin)!.Value;
        Assert.IsFalse(SolarCalculator.IsBetweenDawnAndDusk(dawn.AddMinutes(-1), Berlin));
        Assert.IsTrue(SolarCalculator.IsBetweenDawnAndDusk(dawn.AddMinutes(1), Berlin));
        Assert.IsTrue(SolarCalculator.IsBetweenDawnAndDusk(dusk.AddMinutes(-1), Berlin));
        Assert.IsFalse(SolarCalculator.IsBetweenDawnAndDusk(dusk.AddMinutes(1), Berlin));
    }

    private static void AssertNear(DateTimeOffset? actual, string published)
    {
        var expected = DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsNotNull(actual);
        var difference = (actual.Value - expected).Duration();
        Assert.IsTrue(difference <= Tolerance, $"expected {expected:O} (published), calculated {actual.Value.ToOffset(expected.Offset):O}, off by {difference}");
    }
}
