using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;

namespace Domovoy.Core.Scheduling;

/// <summary>
/// An Rx scheduler for one app: time comes from the host's <see cref="TimeProvider"/>, due work runs on the app's
/// queue (so Rx callbacks never overlap the app's other callbacks), and all pending work is cancelled when the app
/// stops. One registration ("Rx scheduler") represents it in the app's callback statistics.
/// </summary>
internal sealed class AppScheduler : LocalScheduler
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

        item.Timer = _runtime.Time.CreateTimer(_ => _runtime.Post(registration, _ =>
        {
            if (!item.IsDisposed)
            {
                Forget(item);
                item.Timer?.Dispose();
                item.Work.Disposable = action(this, state);
            }

            return Task.CompletedTask;
        }), null, Scheduler.Normalize(dueTime), Timeout.InfiniteTimeSpan);
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
        public ITimer? Timer { get; set; }

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
