namespace Domovoy.Core.Apps.Runtime;

/// <summary>
/// One timer for every app queue of an engine: each tick asks every registered <see cref="AppDispatcher"/> to report a
/// slow callback and flush its due error summaries. One timer instead of one per app, because 200 apps with a timer
/// each woke a thread-pool thread 200 times a second on an idle host (see BENCHMARKS.md, scale).
/// </summary>
/// <remarks>
/// The tick period is a quarter of the slow-callback threshold, at most one second, so a slow callback is reported at
/// most a period after it passed the threshold. The timer only runs while at least one queue is registered.
/// </remarks>
internal sealed class AppWatchdog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<AppDispatcher> _dispatchers = [];
    private readonly ITimer _timer;
    private readonly TimeSpan _period;
    private AppDispatcher[] _snapshot = [];
    private bool _disposed;

    /// <param name="time">The host clock the ticks follow (a fake clock in tests).</param>
    /// <param name="slowThreshold">The slow-callback threshold (<see cref="DomovoyOptions.SlowCallbackThreshold"/>).</param>
    public AppWatchdog(TimeProvider time, TimeSpan slowThreshold)
    {
        _period = slowThreshold < TimeSpan.FromSeconds(4) ? slowThreshold / 4 : TimeSpan.FromSeconds(1);
        _timer = time.CreateTimer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Adds a queue to the ticks; starts the timer for the first one.</summary>
    public void Add(AppDispatcher dispatcher)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _dispatchers.Add(dispatcher);
            _snapshot = [.. _dispatchers];
            if (_dispatchers.Count == 1)
            {
                _timer.Change(_period, _period);
            }
        }
    }

    /// <summary>Removes a queue from the ticks; stops the timer after the last one.</summary>
    public void Remove(AppDispatcher dispatcher)
    {
        lock (_gate)
        {
            if (_disposed || !_dispatchers.Remove(dispatcher))
            {
                return;
            }

            _snapshot = [.. _dispatchers];
            if (_dispatchers.Count == 0)
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _dispatchers.Clear();
            _snapshot = [];
        }

        _timer.Dispose();
    }

    private void Tick()
    {
        foreach (var dispatcher in Volatile.Read(ref _snapshot))
        {
            dispatcher.OnWatchdog();
        }
    }
}
