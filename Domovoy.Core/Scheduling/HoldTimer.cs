namespace Domovoy.Core.Scheduling;

/// <summary>
/// One pending "has held for" deadline: <see cref="Start"/> replaces any pending one, <see cref="Cancel"/> drops it.
/// Used by listeners with a duration and by WaitForStateAsync. Thread-safe; the action runs on a timer thread.
/// </summary>
internal sealed class HoldTimer : IDisposable
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private ITimer? _timer;
    private long _generation;
    private bool _disposed;

    public HoldTimer(TimeProvider time) => _time = time;

    /// <summary>True while a deadline is pending.</summary>
    public bool IsPending
    {
        get
        {
            lock (_gate)
            {
                return _timer is not null;
            }
        }
    }

    /// <summary>Runs <paramref name="onElapsed"/> after <paramref name="duration"/> unless cancelled or restarted first.</summary>
    public void Start(TimeSpan duration, Action onElapsed)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _timer?.Dispose();
            var generation = ++_generation;
            _timer = _time.CreateTimer(_ => Fire(generation, onElapsed), null, duration < TimeSpan.Zero ? TimeSpan.Zero : duration, Timeout.InfiniteTimeSpan);
        }
    }

    public void Cancel()
    {
        ITimer? timer;
        lock (_gate)
        {
            _generation++;
            timer = _timer;
            _timer = null;
        }

        timer?.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        Cancel();
    }

    private void Fire(long generation, Action onElapsed)
    {
        ITimer? timer;
        lock (_gate)
        {
            if (_disposed || generation != _generation)
            {
                return;
            }

            timer = _timer;
            _timer = null;
        }

        timer?.Dispose();
        onElapsed();
    }
}
