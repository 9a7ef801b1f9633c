namespace Domovoy.Core.Scheduling;

/// <summary>Turns wall-clock times of a time zone into instants, with explicit daylight-saving rules.</summary>
internal static class ZonedTime
{
    /// <summary>
    /// The instant of <paramref name="local"/> in <paramref name="zone"/>. A time inside a spring-forward gap resolves to
    /// the first valid time after the gap (02:30 → 03:00 in Europe/Berlin); a time that occurs twice resolves to its
    /// first occurrence (the daylight-saving one).
    /// </summary>
    public static DateTimeOffset Resolve(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Walk to the end of the gap; real-world gaps end on a minute boundary and last at most a day.
            var probe = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
            for (var i = 0; i < 24 * 60 + 1 && zone.IsInvalidTime(probe); i++)
            {
                probe = probe.AddMinutes(1);
            }

            return new DateTimeOffset(probe, zone.GetUtcOffset(probe));
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return new DateTimeOffset(local, offsets.Max());
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The calendar date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone)
        => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The first instant of the local day after the one <paramref name="instant"/> falls on in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOfNextDay(DateTimeOffset instant, TimeZoneInfo zone)
        => Resolve(LocalDate(instant, zone).AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
}
