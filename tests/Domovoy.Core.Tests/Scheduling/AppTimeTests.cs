using Domovoy.Core.Scheduling;
using Domovoy.Core.Tests.Support;

namespace Domovoy.Core.Tests.Scheduling;

[TestClass]
public sealed class AppTimeTests
{
    [TestMethod]
    [DataRow("7:30", 7, 30, 0)]
    [DataRow("07:30:15", 7, 30, 15)]
    [DataRow(" 19:05 ", 19, 5, 0)]
    [DataRow("7:30 PM", 19, 30, 0)]
    public async Task ParseTime_accepts_common_forms(string text, int hour, int minute, int second)
    {
        await using var h = new AppApiHarness(At("2026-06-21T10:00:00Z"), "Europe/Berlin");
        Assert.AreEqual(new TimeOnly(hour, minute, second), h.AppTime.ParseTime(text));
    }

    [TestMethod]
    public async Task ParseTime_rejects_garbage_quoting_it()
    {
        await using var h = new AppApiHarness(At("2026-06-21T10:00:00Z"), "Europe/Berlin");
        var ex = Assert.ThrowsExactly<FormatException>(() => h.AppTime.ParseTime("25:00"));
        StringAssert.Contains(ex.Message, "'25:00'");
    }

    [TestMethod]
    public async Task ParseDate_reads_wall_times_in_the_configured_zone()
    {
        await using var h = new AppApiHarness(At("2026-06-21T10:00:00Z"), "Europe/Berlin");
        Assert.AreEqual(At("2026-06-21T00:00:00+02:00"), h.AppTime.ParseDate("2026-06-21"));
        Assert.AreEqual(TimeSpan.FromHours(2), h.AppTime.ParseDate("2026-06-21").Offset);
        Assert.AreEqual(At("2026-12-21T07:30:00+01:00"), h.AppTime.ParseDate("2026-12-21 07:30"));
        Assert.AreEqual(At("2026-03-29T03:00:00+02:00"), h.AppTime.ParseDate("2026-03-29T02:30"), "a skipped time moves to the end of the gap");
        Assert.AreEqual(At("2026-06-21T07:30:00-04:00"), h.AppTime.ParseDate("2026-06-21T07:30:00-04:00"), "an explicit offset wins");
        Assert.AreEqual(At("2026-06-21T07:30:00Z"), h.AppTime.ParseDate("2026-06-21T07:30:00Z"));
        Assert.ThrowsExactly<FormatException>(() => h.AppTime.ParseDate("yesterday"));
    }

    [TestMethod]
    public async Task IsBetweenDawnAndDusk_uses_the_location_and_the_clock()
    {
        var berlin = new GeoLocation(52.52, 13.405);
        await using var h = new AppApiHarness(At("2026-12-21T12:00:00+01:00"), "Europe/Berlin", location: berlin);
        Assert.IsTrue(h.AppTime.IsBetweenDawnAndDusk());
        Assert.IsFalse(h.AppTime.IsBetweenDawnAndDusk(At("2026-12-21T23:00:00+01:00")));
        var dawn = SolarCalculator.EventUtc(Domovoy.Abstractions.SunEvent.Dawn, new DateOnly(2026, 12, 21), berlin)!.Value;
        Assert.IsFalse(h.AppTime.IsBetweenDawnAndDusk(dawn.AddMinutes(-2)));
        Assert.IsTrue(h.AppTime.IsBetweenDawnAndDusk(dawn.AddMinutes(2)));
    }

    [TestMethod]
    public async Task IsBetweenDawnAndDusk_without_location_explains()
    {
        await using var h = new AppApiHarness(At("2026-12-21T12:00:00+01:00"), "Europe/Berlin");
        Assert.ThrowsExactly<InvalidOperationException>(() => h.AppTime.IsBetweenDawnAndDusk());
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
