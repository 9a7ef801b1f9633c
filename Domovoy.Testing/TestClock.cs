using Microsoft.Extensions.Time.Testing;

namespace Domovoy.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows when its next timer is due, so the home can advance from one due timer to
/// the next and let the apps' queues settle in between (each callback then sees the time it was due at, in order).
/// </summary>
internal sealed class TestClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly HashSet<TrackedTimer> _timers = [];

    /// <summary>The earliest time a live timer is due, or null when none is armed.</summary>
    public DateTimeOffset? NextDue()
    {
        lock (_gate)
        {
            DateTimeOffset? next = null;
            foreach (var timer in _timers)
            {
                if (timer.Due is { } due && (next is null || due < next))
                {
                    next = due;
                }
            }

            return next;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Arm(dueTime, period);
        timer.Inner = base.CreateTimer(s => { timer.Fired(); callback(s); }, state, dueTime, period);
        return timer;
    }

    private void Forget(TrackedTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class TrackedTimer(TestClock clock) : ITimer
    {
        private readonly Lock _gate = new();
        private DateTimeOffset? _due;
        private TimeSpan _period;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? Due
        {
            get
            {
                lock (_gate)
                {
                    return _due;
                }
            }
        }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
                _period = period;
            }
        }

        public void Fired()
        {
            lock (_gate)
            {
                _due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : clock.GetUtcNow() + _period;
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            clock.Forget(this);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
