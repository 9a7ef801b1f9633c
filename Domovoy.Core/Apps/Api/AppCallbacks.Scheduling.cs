using System.Globalization;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Scheduling;

namespace Domovoy.Core.Apps.Api;

internal sealed partial class AppCallbacks
{
    public CallbackId RunOnce(TimeOnly time, Func<CancellationToken, Task> callback, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var due = new DailyRule(time, _runtime.TimeZone).FirstFrom(_runtime.Time.GetUtcNow());
        return Schedule(name, $"once at {Format(time)}", new TimerSchedule(due, _ => null, ScheduleClock.Wall, MisfireGrace), callback, oneShot: true);
    }

    public CallbackId RunDaily(TimeOnly time, Func<CancellationToken, Task> callback, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var rule = new DailyRule(time, _runtime.TimeZone);
        var first = rule.FirstFrom(_runtime.Time.GetUtcNow());
        return Schedule(name, $"daily at {Format(time)}", new TimerSchedule(first, after => rule.NextAfter(after), ScheduleClock.Wall, MisfireGrace, _runtime.TimeZone), callback, oneShot: false);
    }

    public CallbackId RunHourly(Func<CancellationToken, Task> callback, DateTimeOffset? start = null, string? name = null)
        => RunEvery(TimeSpan.FromHours(1), callback, start, name);

    public CallbackId RunMinutely(Func<CancellationToken, Task> callback, DateTimeOffset? start = null, string? name = null)
        => RunEvery(TimeSpan.FromMinutes(1), callback, start, name);

    public CallbackId RunSecondly(Func<CancellationToken, Task> callback, DateTimeOffset? start = null, string? name = null)
        => RunEvery(TimeSpan.FromSeconds(1), callback, start, name);

    public CallbackId RunCron(string expression, Func<CancellationToken, Task> callback, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var rule = new CronRule(expression, _runtime.TimeZone);
        var first = rule.NextAfter(_runtime.Time.GetUtcNow())
            ?? throw new ArgumentException($"Cron expression '{expression}' has no future occurrence.", nameof(expression));
        return Schedule(name, $"cron {rule.Text}", new TimerSchedule(first, rule.NextAfter, ScheduleClock.Wall, MisfireGrace), callback, oneShot: false);
    }

    public CallbackId RunDailyOnSunEvent(SunEvent sunEvent, Func<CancellationToken, Task> callback, TimeSpan offset = default, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var location = _location ?? throw new InvalidOperationException(
            $"App '{_runtime.AppName}' scheduled a sun event, but this host has no location source (Home Assistant or latitude/longitude in config.yml).");
        var rule = new SunEventRule(sunEvent, offset, location);
        var first = rule.NextAfter(_runtime.Time.GetUtcNow())
            ?? throw new InvalidOperationException($"{sunEvent} does not occur at this location within the next year.");
        var description = offset == TimeSpan.Zero
            ? $"daily at {sunEvent.ToString().ToLowerInvariant()}"
            : $"daily at {sunEvent.ToString().ToLowerInvariant()} {(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration()}";
        return Schedule(name, description, new TimerSchedule(first, rule.NextAfter, ScheduleClock.Wall, MisfireGrace, _runtime.TimeZone, Recompute: true), callback, oneShot: false);
    }

    public ICallbacksPlugin WithScheduleOptions(ScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MisfireGrace is { } grace && grace < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), grace,
                $"ScheduleOptions.MisfireGrace must be at least 1 second (got {grace}): timers and the app's queue can be that late on a busy machine.");
        }

        return new AppCallbacks(this, options.MisfireGrace ?? MisfireGrace);
    }

    private static string Format(TimeOnly time) => time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
