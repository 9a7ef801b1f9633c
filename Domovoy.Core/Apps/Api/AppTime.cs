using System.Globalization;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Scheduling;

namespace Domovoy.Core.Apps.Api;

/// <summary>Time in the configured zone from the host's <see cref="TimeProvider"/>.</summary>
internal sealed class AppTime(AppRuntime runtime, ILocationProvider? location = null) : ITimePlugin
{
    private static readonly string[] TimeFormats =
    [
        "H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss", "H:mm:ss.FFFFFFF", "HH:mm:ss.FFFFFFF",
        "h:mm tt", "h:mm:ss tt", "hh:mm tt", "hh:mm:ss tt",
    ];

    private AppScheduler? _scheduler;

    public TimeZoneInfo TimeZone => runtime.TimeZone;

    public System.Reactive.Concurrency.IScheduler Scheduler => _scheduler ??= new AppScheduler(runtime);

    public DateTimeOffset UtcNow => runtime.Time.GetUtcNow();

    public DateTimeOffset Now => ToLocal(UtcNow);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, runtime.TimeZone);

    public DateTimeOffset MakeAware(DateTime wallTime) => wallTime.Kind == DateTimeKind.Unspecified
        ? ToLocal(ZonedTime.Resolve(wallTime, runtime.TimeZone))
        : ToLocal(new DateTimeOffset(wallTime.ToUniversalTime(), TimeSpan.Zero));

    public DateTimeOffset FromUnixSeconds(double epochSeconds)
    {
        if (double.IsNaN(epochSeconds) || double.IsInfinity(epochSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(epochSeconds), epochSeconds, "Epoch seconds must be a finite number.");
        }

        return ToLocal(DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(epochSeconds * TimeSpan.TicksPerSecond)));
    }

    public TimeSpan TimeSince(DateTimeOffset time) => UtcNow - time;

    public async Task SleepForAsync(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(runtime.Stopping, cancellationToken);
        await Task.Delay(delay, runtime.Time, linked.Token).ConfigureAwait(false);
    }

    public TimeOnly ParseTime(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TimeOnly.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new FormatException($"'{text}' is not a time of day; expected e.g. '07:30', '07:30:15' or '7:30 PM'.");
    }

    public DateTimeOffset ParseDate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (!DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            throw new FormatException($"'{text}' is not a date; expected e.g. '2026-06-21', '2026-06-21 07:30' or '2026-06-21T07:30:00+02:00'.");
        }

        return parsed.Kind == DateTimeKind.Unspecified
            ? ToLocal(ZonedTime.Resolve(parsed, runtime.TimeZone))
            : DateTimeOffset.Parse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces);
    }

    public bool IsBetweenDawnAndDusk(DateTimeOffset? time = null)
    {
        var here = location?.GetLocation() ?? throw new InvalidOperationException(
            "IsBetweenDawnAndDusk needs the home's location, and none is known: Home Assistant has not reported one and config.yml sets no latitude/longitude.");
        return SolarCalculator.IsBetweenDawnAndDusk(time ?? UtcNow, here);
    }
}
