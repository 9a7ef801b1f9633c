namespace Domovoy.Core.Scheduling;

/// <summary>
/// Fires at the due times of a <see cref="TimerSchedule"/> on a <see cref="TimeProvider"/>. Each next time is computed
/// from the rule (not by adding to "now"), so repeating schedules do not drift.
/// </summary>
/// <remarks>
/// Misfire rule (the APScheduler/Quartz term): an occurrence found more than the schedule's misfire grace late (the
/// wall clock stepped forward, the machine was suspended or starved) is skipped, never run late, and every other
/// occurrence missed up to now is skipped with it: one <see cref="Misfire"/> report. A step of the wall clock backwards
/// never runs an occurrence twice, because the next due time is always computed from after the last one handled.
/// </remarks>
internal sealed class ScheduledTimer : IDisposable
{
    // System timers cannot be armed further ahead than ~49 days; long waits are re-armed in steps.
    private static readonly TimeSpan MaxArm = TimeSpan.FromDays(1);

    // Timers run on elapsed time, so a step of the wall clock is only seen when the timer wakes: wall-clock schedules
    // look at the clock often enough that an occurrence just after a step is found well within its grace.
    private static readonly TimeSpan MaxWallArm = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinWallArm = TimeSpan.FromMilliseconds(500);

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly TimerSchedule _schedule;
    private readonly Action<DateTimeOffset> _onDue;
    private readonly Action<Misfire> _onMisfire;
    private readonly Action<DateTimeOffset?> _onNextChanged;
    private readonly DateTimeOffset _origin;
    private readonly long _originTimestamp;
    private readonly TimeSpan _maxArm;
    private readonly ITimer _timer;
    private DateTimeOffset? _due;
    private DateTimeOffset _dueComputedAfter;
    private bool _disposed;

    /// <param name="time">The clock.</param>
    /// <param name="schedule">The due times, the clock they are read on and the misfire grace.</param>
    /// <param name="onDue">Called on a timer thread at each due time found within the grace; must not block.</param>
    /// <param name="onMisfire">Called on a timer thread for an occurrence found later than the grace (it is skipped); must not block.</param>
    /// <param name="onNextChanged">Told the next due time (null when finished), for statistics.</param>
    public ScheduledTimer(TimeProvider time, TimerSchedule schedule, Action<DateTimeOffset> onDue, Action<Misfire> onMisfire, Action<DateTimeOffset?> onNextChanged)
    {
        _time = time;
        _schedule = schedule;
        _onDue = onDue;
        _onMisfire = onMisfire;
        _onNextChanged = onNextChanged;
        _origin = time.GetUtcNow();
        _originTimestamp = time.GetTimestamp();
        _maxArm = schedule.Clock == ScheduleClock.Wall ? Max(MinWallArm, Min(MaxWallArm, schedule.MisfireGrace / 2)) : MaxArm;
        _dueComputedAfter = Min(_origin, schedule.FirstDue - TimeSpan.FromTicks(1));
        _timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Arm(schedule.FirstDue);
    }

    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _due;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _due = null;
        }

        _timer.Dispose();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>Now on the schedule's clock; the elapsed clock starts at the wall time the schedule was made.</summary>
    private DateTimeOffset Now() => _schedule.Clock == ScheduleClock.Wall
        ? _time.GetUtcNow()
        : _origin + _time.GetElapsedTime(_originTimestamp);

    private void Arm(DateTimeOffset? due)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _due = due;
            if (due is { } at)
            {
                var delay = at - Now();
                if (delay < TimeSpan.Zero)
                {
                    delay = TimeSpan.Zero;
                }

                _timer.Change(Min(delay, _maxArm), Timeout.InfiniteTimeSpan);
            }
        }

        _onNextChanged(due);
    }

    private void OnTimer()
    {
        DateTimeOffset due;
        DateTimeOffset computedAfter;
        lock (_gate)
        {
            if (_disposed || _due is null)
            {
                return;
            }

            due = _due.Value;
            computedAfter = _dueComputedAfter;
        }

        if (_schedule.Recompute)
        {
            due = _schedule.NextAfter(computedAfter) ?? due;
        }

        var now = Now();
        if (now < due)
        {
            // Woken early, an intermediate step of a long wait, or the wall clock stepped backwards.
            Arm(due);
            return;
        }

        // Everything up to now is handled by this wake (run once or skipped); a daily schedule also ends its local day.
        var after = Max(now, due);
        if (_schedule.OncePerDayIn is { } zone)
        {
            after = Max(after, ZonedTime.StartOfNextDay(due, zone) - TimeSpan.FromTicks(1));
        }

        var next = _schedule.NextAfter(after);
        lock (_gate)
        {
            _dueComputedAfter = after;
        }

        // Report this occurrence before arming the next: a schedule that ends (next is null) ends behind its last run.
        var late = now - due;
        if (late > _schedule.MisfireGrace)
        {
            _onMisfire(new Misfire(due, late, _schedule.MisfireGrace, next));
        }
        else
        {
            _onDue(due);
        }

        Arm(next);
    }
}
