namespace Domovoy.Core.Scheduling;

/// <summary>
/// Fires at the due times of a schedule rule on a <see cref="TimeProvider"/>. Each next time is computed from the rule
/// (not by adding to "now"), so repeating schedules do not drift; runs missed while the process was suspended are
/// skipped, not replayed in a burst.
/// </summary>
internal sealed class ScheduledTimer : IDisposable
{
    // System timers cannot be armed further ahead than ~49 days; long waits are re-armed in steps.
    private static readonly TimeSpan MaxArm = TimeSpan.FromDays(1);

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Func<DateTimeOffset, DateTimeOffset?> _nextAfter;
    private readonly Action<DateTimeOffset> _onDue;
    private readonly Action<DateTimeOffset?> _onNextChanged;
    private readonly ITimer _timer;
    private DateTimeOffset? _due;
    private bool _disposed;

    /// <param name="time">The clock.</param>
    /// <param name="firstDue">The first due time.</param>
    /// <param name="nextAfter">The rule: the first due time strictly after the given instant, or null when the schedule ends.</param>
    /// <param name="onDue">Called on a timer thread at each due time; must not block.</param>
    /// <param name="onNextChanged">Told the next due time (null when finished), for statistics.</param>
    public ScheduledTimer(TimeProvider time, DateTimeOffset firstDue, Func<DateTimeOffset, DateTimeOffset?> nextAfter, Action<DateTimeOffset> onDue, Action<DateTimeOffset?> onNextChanged)
    {
        _time = time;
        _nextAfter = nextAfter;
        _onDue = onDue;
        _onNextChanged = onNextChanged;
        _timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Arm(firstDue);
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
                var delay = at - _time.GetUtcNow();
                if (delay < TimeSpan.Zero)
                {
                    delay = TimeSpan.Zero;
                }

                _timer.Change(delay > MaxArm ? MaxArm : delay, Timeout.InfiniteTimeSpan);
            }
        }

        _onNextChanged(due);
    }

    private void OnTimer()
    {
        DateTimeOffset due;
        lock (_gate)
        {
            if (_disposed || _due is null)
            {
                return;
            }

            due = _due.Value;
        }

        var now = _time.GetUtcNow();
        if (now < due)
        {
            // Woken early, or an intermediate step of a long wait.
            Arm(due);
            return;
        }

        _onDue(due);
        Arm(_nextAfter(now > due ? now : due));
    }
}
