using System.Globalization;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Scheduling;

namespace Domovoy.Core.Apps.Api;

internal sealed partial class AppCallbacks
{
    public CallbackId RunIn(TimeSpan delay, Func<CancellationToken, Task> callback, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        var due = _runtime.Time.GetUtcNow() + delay;

        // A delay is not an appointment: it runs however late its timer fires, so it has no misfire grace.
        return Schedule(name, $"in {delay}", new TimerSchedule(due, _ => null, ScheduleClock.Elapsed, TimeSpan.MaxValue), callback, oneShot: true);
    }

    public CallbackId RunAt(DateTimeOffset time, Func<CancellationToken, Task> callback, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var now = _runtime.Time.GetUtcNow();
        if (time < now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time,
                $"RunAt({time.ToString("O", CultureInfo.InvariantCulture)}) is in the past (now is {now.ToString("O", CultureInfo.InvariantCulture)}). Use RunIn or a future time.");
        }

        return Schedule(name, $"at {time:O}", new TimerSchedule(time, _ => null, ScheduleClock.Wall, MisfireGrace), callback, oneShot: true);
    }

    public CallbackId RunEvery(TimeSpan interval, Func<CancellationToken, Task> callback, DateTimeOffset? start = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "RunEvery needs a positive interval.");
        }

        var first = start ?? _runtime.Time.GetUtcNow() + interval;
        return Schedule(name, $"every {interval}", new TimerSchedule(first, after => NextOccurrence(first, interval, after), ScheduleClock.Wall, MisfireGrace), callback, oneShot: false);
    }

    /// <summary>The first of <c>first + k·interval</c> strictly after <paramref name="after"/>.</summary>
    internal static DateTimeOffset NextOccurrence(DateTimeOffset first, TimeSpan interval, DateTimeOffset after)
    {
        if (after < first)
        {
            return first;
        }

        var periods = ((after - first).Ticks / interval.Ticks) + 1;
        return first + TimeSpan.FromTicks(periods * interval.Ticks);
    }

    /// <summary>
    /// Registers a timer that queues <paramref name="callback"/> on the app's queue at each due time of a schedule and
    /// logs each occurrence skipped by the misfire rule. A one-shot timer ends when its callback starts; any timer ends
    /// once its schedule has no next time (a skipped one-shot included), so it leaves the registry.
    /// </summary>
    internal CallbackId Schedule(string? name, string description, TimerSchedule schedule, Func<CancellationToken, Task> callback, bool oneShot)
    {
        var subscription = _runtime.Subscribe(CallbackKind.Scheduler, name, description, sub =>
            new ScheduledTimer(
                _runtime.Time,
                schedule,
                onDue: _ => sub.Enqueue(ct => sub.InvokeAsync(callback, ct)),
                onMisfire: misfire => LogMisfire(sub.Registration.Name, misfire),
                onNextChanged: next =>
                {
                    sub.Registration.NextRun = next;
                    if (next is null)
                    {
                        // Behind the last run on the queue, so cancelling before that run still skips it.
                        sub.Enqueue(_ =>
                        {
                            sub.End();
                            return Task.CompletedTask;
                        });
                    }
                }),
            oneShot);
        return subscription.Id;
    }

    private void LogMisfire(string callback, Misfire misfire)
    {
        var zone = _runtime.TimeZone;
        var next = misfire.NextRun is { } at
            ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)
            : "none";
        SchedulingLog.MisfireSkipped(
            _runtime.Logger,
            _runtime.AppName,
            callback,
            TimeZoneInfo.ConvertTime(misfire.ScheduledTime, zone),
            TimeSpan.FromSeconds(Math.Round(misfire.Late.TotalSeconds)),
            misfire.Grace,
            next);
    }
}
