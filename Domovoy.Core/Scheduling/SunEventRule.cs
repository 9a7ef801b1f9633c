using Domovoy.Abstractions;

namespace Domovoy.Core.Scheduling;

/// <summary>Every day at a sun event plus an offset. The location is read at each calculation.</summary>
internal sealed class SunEventRule
{
    // Polar night or day can suppress an event for months; look a little over a year ahead before giving up.
    private const int MaxDaysAhead = 400;

    private readonly SunEvent _event;
    private readonly TimeSpan _offset;
    private readonly ILocationProvider _location;
    private GeoLocation? _lastKnown;

    public SunEventRule(SunEvent sunEvent, TimeSpan offset, ILocationProvider location)
    {
        if (!Enum.IsDefined(sunEvent))
        {
            throw new ArgumentOutOfRangeException(nameof(sunEvent), sunEvent, "Unknown sun event.");
        }

        if (offset.Duration() > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "A sun event offset must be within one day either way.");
        }

        _event = sunEvent;
        _offset = offset;
        _location = location;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if the event does not happen within a year.</summary>
    /// <exception cref="InvalidOperationException">No location is known.</exception>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        // Keep the last known location if the provider loses it later: a timer thread must not throw.
        var location = _location.GetLocation() ?? _lastKnown ?? throw new InvalidOperationException(
            "Sun events need the home's location, and none is known: Home Assistant has not reported one and config.yml sets no latitude/longitude.");
        _lastKnown = location;
        var start = DateOnly.FromDateTime(after.UtcDateTime).AddDays(-2);
        for (var i = 0; i < MaxDaysAhead; i++)
        {
            if (SolarCalculator.EventUtc(_event, start.AddDays(i), location) is { } at && at + _offset > after)
            {
                return at + _offset;
            }
        }

        return null;
    }
}
