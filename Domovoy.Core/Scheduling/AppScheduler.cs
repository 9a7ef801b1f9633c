using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;

namespace Domovoy.Core.Scheduling;

/// <summary>
/// An Rx scheduler for one app: time comes from the host's <see cref="TimeProvider"/>, due work runs on the app's
/// queue (so Rx callbacks never overlap the app's other callbacks), and all pending work is cancelled when the app
/// stops. Relative, absolute and periodic work are all scheduled here, none on Rx's static queues, so nothing outlives
/// the app. One registration ("Rx scheduler") represents it in the app's callback statistics.
/// </summary>
internal sealed class AppScheduler : LocalScheduler, ISchedulerPeriodic
{
    private readonly AppRuntime _runtime;
    private readonly HashSet<Item> _pending = [];
    private CallbackRegistration? _registration;
    private bool _stopped;

    public AppScheduler(AppRuntime runtime)
    {
        _runtime = runtime;
    }

    public override DateTimeOffset Now => _runtime.Time.GetUtcNow();

    /// <summary>Rx's periodic emulation measures elapsed time with this; it must follow the same (possibly fake) clock.</summary>
    public override IStopwatch StartStopwatch() => new ClockStopwatch(_runtime.Time);

    public override IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Enqueue(state, action, run => _runtime.Time.CreateTimer(_ => run(), null, Scheduler.Normalize(dueTime), Timeout.InfiniteTimeSpan));
    }

    /// <summary>
    /// Absolute due times are ours too (Rx's default would put them on its static long-term queue, on the system clock,
    /// pinning the app's plugin version until the due time). They follow the host's wall clock, steps included, and are
    /// never skipped: Rx operators rely on every scheduled action running.
    /// </summary>
    public override IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var schedule = new TimerSchedule(dueTime, _ => null, ScheduleClock.Wall, TimeSpan.MaxValue);
        return Enqueue(state, action, run => new ScheduledTimer(_runtime.Time, schedule, onDue: _ => run(), onMisfire: _ => run(), onNextChanged: _ => { }));
    }

    /// <summary>
    /// Periodic work (<c>Observable.Interval</c>, <c>Observable.Timer</c> with a period) every <paramref name="period"/>
    /// of elapsed time, counted from now so runs do not drift; a run delayed past the next one is not repeated in a
    /// burst. Implemented here so Rx does not fall back to its emulation, which registers with static host-lifecycle
    /// events and so would pin the app's plugin version until the subscription is disposed.
    /// </summary>
    public IDisposable SchedulePeriodic<TState>(TState state, TimeSpan period, Func<TState, TState> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        var start = _runtime.Time.GetTimestamp();
        var current = state;
        var runs = 0L;
        var next = new SerialDisposable();

        void ScheduleNext()
        {
            var elapsed = _runtime.Time.GetElapsedTime(start);
            runs = period == TimeSpan.Zero ? runs + 1 : Math.Max(runs + 1, (elapsed.Ticks / period.Ticks) + 1);
            next.Disposable = Schedule(0, TimeSpan.FromTicks(period.Ticks * runs) - elapsed, (_, _) =>
            {
                current = action(current);
                ScheduleNext();
                return Disposable.Empty;
            });
        }

        ScheduleNext();
        return next;
    }

    /// <summary>Queues <paramref name="action"/> to run on the app's queue when the timer made by <paramref name="arm"/> fires.</summary>
    private IDisposable Enqueue<TState>(TState state, Func<IScheduler, TState, IDisposable> action, Func<Action, IDisposable> arm)
    {
        var registration = Registration();
        var item = new Item(this);
        lock (_pending)
        {
            if (_stopped)
            {
                return Disposable.Empty;
            }

            _pending.Add(item);
        }

        item.Timer = arm(() => _runtime.Post(registration, _ =>
        {
            if (!item.IsDisposed)
            {
                Forget(item);
                item.Timer?.Dispose();
                item.Work.Disposable = action(this, state);
            }

            return Task.CompletedTask;
        }));
        if (item.IsDisposed)
        {
            // Stopped (or disposed) while the timer was being made.
            item.Timer.Dispose();
        }

        return item;
    }

    private void Forget(Item item)
    {
        lock (_pending)
        {
            _pending.Remove(item);
        }
    }

    private CallbackRegistration Registration()
    {
        lock (_pending)
        {
            // Registered on first use, so apps that never use Rx show no extra callback; cancelling it (app stop)
            // cancels every pending timer.
            return _registration ??= _runtime.Register(CallbackKind.Subscription, "Rx scheduler", "Time.Scheduler", _ => Disposable.Create(StopAll));
        }
    }

    private void StopAll()
    {
        Item[] items;
        lock (_pending)
        {
            _stopped = true;
            items = [.. _pending];
            _pending.Clear();
        }

        foreach (var item in items)
        {
            item.Dispose();
        }
    }

    private sealed class Item(AppScheduler owner) : IDisposable
    {
        public IDisposable? Timer { get; set; }

        public SingleAssignmentDisposable Work { get; } = new();

        public bool IsDisposed { get; private set; }

        public void Dispose()
        {
            IsDisposed = true;
            Timer?.Dispose();
            Work.Dispose();
            owner.Forget(this);
        }
    }

    private sealed class ClockStopwatch(TimeProvider time) : IStopwatch
    {
        private readonly long _start = time.GetTimestamp();

        public TimeSpan Elapsed => time.GetElapsedTime(_start);
    }
}
