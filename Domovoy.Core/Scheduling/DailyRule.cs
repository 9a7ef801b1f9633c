namespace Domovoy.Core.Scheduling;

/// <summary>Every day at one wall-clock time of a zone (see <see cref="ZonedTime.Resolve"/> for daylight saving).</summary>
internal sealed class DailyRule
{
    private readonly TimeOnly _time;
    private readonly TimeZoneInfo _zone;

    public DailyRule(TimeOnly time, TimeZoneInfo zone)
    {
        _time = time;
        _zone = zone;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after)
    {
        // Start a day early: a resolved gap time can fall on either side of midnight in UTC terms.
        for (var date = ZonedTime.LocalDate(after, _zone).AddDays(-1); ; date = date.AddDays(1))
        {
            var candidate = ZonedTime.Resolve(date.ToDateTime(_time), _zone);
            if (candidate > after)
            {
                return candidate;
            }
        }
    }

    /// <summary>The first occurrence at or after <paramref name="now"/>.</summary>
    public DateTimeOffset FirstFrom(DateTimeOffset now) => NextAfter(now - TimeSpan.FromTicks(1));
}
