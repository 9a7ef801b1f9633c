using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>
/// One app's callback queue. Callbacks run one at a time, in order, so an app never sees two of its callbacks at once;
/// different apps have different dispatchers and run in parallel.
/// </summary>
/// <remarks>
/// Overflow policy: the queue is bounded (<see cref="DomovoyOptions.AppQueueCapacity"/>). When it is full the newest
/// callback is dropped, counted in <see cref="Dropped"/> and logged as an error (the first drop and every 100th after).
/// A warning is logged when the queue passes 90% of its capacity. Nothing is dropped silently.
/// </remarks>
internal sealed class AppDispatcher : IAsyncDisposable
{
    private readonly Channel<WorkItem> _queue;
    private readonly string _appName;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly TimeSpan _slowThreshold;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private readonly AppWatchdog _watchdog;
    private readonly CallbackErrorReporter _errors;
    private readonly AppWorkTracker? _work;
    private int _length;
    private long _dropped;
    private long _processed;
    private bool _highWaterWarned;
    private long _runningSince;
    private string? _runningName;
    private bool _slowLogged;

    /// <param name="watchdog">The engine's shared watchdog, which reports this queue's slow callbacks and flushes its error summaries.</param>
    /// <param name="work">When given, counts every queued item until it has run or been skipped (see <see cref="AppWorkTracker"/>).</param>
    public AppDispatcher(string appName, ILogger logger, TimeProvider time, int capacity, TimeSpan slowThreshold, AppWatchdog watchdog, AppWorkTracker? work = null)
    {
        _work = work;
        _appName = appName;
        _logger = logger;
        _time = time;
        _capacity = capacity;
        _slowThreshold = slowThreshold;
        _queue = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _errors = new CallbackErrorReporter(appName, logger, time);
        _loop = Task.Run(RunAsync);
        _watchdog = watchdog;
        watchdog.Add(this);
    }

    /// <summary>Cancelled when the app stops; handed to every callback.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public int Length => Volatile.Read(ref _length);

    public int Capacity => _capacity;

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>The name of the callback running right now, or null when the queue is idle.</summary>
    public string? RunningCallback => Interlocked.Read(ref _runningSince) == 0 ? null : Volatile.Read(ref _runningName);

    /// <summary>True once the queue's loop has ended (after a stop, when the last callback returned).</summary>
    public bool IsStopped => _loop.IsCompleted;

    /// <summary>Queues a callback of <paramref name="registration"/>. It is skipped if the registration is cancelled before it runs.</summary>
    public bool Post(CallbackRegistration registration, Func<CancellationToken, Task> work)
    {
        if (!registration.IsActive || _stopping.IsCancellationRequested)
        {
            return false;
        }

        _work?.Begin();
        if (!_queue.Writer.TryWrite(new WorkItem(registration, work, null)))
        {
            _work?.End();
            var dropped = Interlocked.Increment(ref _dropped);
            if (dropped == 1 || dropped % 100 == 0)
            {
                _logger.LogError(
                    "App {App}: callback queue full ({Capacity}); dropped callback {Callback} ({Dropped} dropped so far). The app's callbacks are too slow for its event rate.",
                    _appName, _capacity, registration.Name, dropped);
            }

            return false;
        }

        var length = Interlocked.Increment(ref _length);
        if (length >= _capacity * 9 / 10 && !_highWaterWarned)
        {
            _highWaterWarned = true;
            _logger.LogWarning("App {App}: callback queue is {Length}/{Capacity} (over 90%).", _appName, length, _capacity);
        }

        return true;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the queue like a callback and returns its outcome (exceptions propagate instead
    /// of being logged). Used for InitializeAsync, so callbacks registered during it run only after it returns.
    /// </summary>
    public Task RunAsync(CallbackRegistration registration, Func<CancellationToken, Task> work)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work?.Begin();
        if (!_queue.Writer.TryWrite(new WorkItem(registration, work, completion)))
        {
            _work?.End();
            completion.SetException(new InvalidOperationException($"App {_appName}: the callback queue is stopped or full."));
        }
        else
        {
            Interlocked.Increment(ref _length);
        }

        return completion.Task;
    }

    /// <summary>
    /// Stops accepting work, cancels the running callback's token and waits up to <paramref name="deadline"/> (on the
    /// host clock) for the running callback to return. Queued callbacks are skipped.
    /// </summary>
    /// <returns>
    /// True when the queue stopped in time; false when the running callback ignored its token past the deadline. The
    /// queue is then detached: nothing queued runs any more, and the loop ends whenever that callback returns.
    /// </returns>
    public async Task<bool> StopAsync(TimeSpan deadline)
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.WaitAsync(deadline, _time).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Leaves the watchdog. When the queue was not stopped before, stops it first, waiting at most a second of
    /// real time for a running callback.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _queue.Writer.TryComplete();
            await _stopping.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System)).ConfigureAwait(false);
        }

        _watchdog.Remove(this);
        _errors.FlushAll();
        if (_loop.IsCompleted)
        {
            // A detached loop still reads the token when its stuck callback returns; dispose only once it ended.
            _stopping.Dispose();
        }
    }

    private async Task RunAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await RunItemAsync(item).ConfigureAwait(false);
            }
            finally
            {
                _work?.End();
            }
        }
    }

    private async Task RunItemAsync(WorkItem item)
    {
        var length = Interlocked.Decrement(ref _length);
        if (length < _capacity * 7 / 10)
        {
            _highWaterWarned = false;
        }

        if (_stopping.IsCancellationRequested)
        {
            item.Completion?.TrySetCanceled(_stopping.Token);
            return;
        }

        if (item.Completion is not null)
        {
            await RunForResultAsync(item).ConfigureAwait(false);
            return;
        }

        if (!item.Registration.IsActive)
        {
            return;
        }

        await InvokeAsync(item).ConfigureAwait(false);
        Interlocked.Increment(ref _processed);
    }

    private async Task RunForResultAsync(WorkItem item)
    {
        Volatile.Write(ref _runningName, item.Registration.Name);
        _slowLogged = false;
        Interlocked.Exchange(ref _runningSince, _time.GetTimestamp());
        try
        {
            await item.Work(_stopping.Token).ConfigureAwait(false);
            item.Completion!.TrySetResult();
        }
        catch (Exception ex)
        {
            item.Completion!.TrySetException(ex);
        }
        finally
        {
            Interlocked.Exchange(ref _runningSince, 0);
        }
    }

    private async Task InvokeAsync(WorkItem item)
    {
        var registration = item.Registration;
        Volatile.Write(ref _runningName, registration.Name);
        _slowLogged = false;
        Interlocked.Exchange(ref _runningSince, _time.GetTimestamp());
        try
        {
            await item.Work(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The app is stopping; a cancelled callback is expected then.
        }
        catch (Exception ex)
        {
            registration.RecordError(_time.GetUtcNow(), ex);
            _errors.Report(registration, ex);
        }
        finally
        {
            Interlocked.Exchange(ref _runningSince, 0);
            if (_slowLogged)
            {
                _logger.LogInformation("App {App}: slow callback {Callback} finished.", _appName, registration.Name);
            }
        }
    }

    /// <summary>Called by <see cref="AppWatchdog"/> on each tick: reports a slow running callback once, flushes due error summaries.</summary>
    public void OnWatchdog()
    {
        CheckSlow();
        _errors.FlushDue();
    }

    private void CheckSlow()
    {
        var since = Interlocked.Read(ref _runningSince);
        if (since == 0 || _slowLogged)
        {
            return;
        }

        var elapsed = _time.GetElapsedTime(since);
        if (elapsed >= _slowThreshold)
        {
            _slowLogged = true;
            _logger.LogWarning(
                "App {App}: callback {Callback} has been running for {Elapsed:F1} s (slow-callback threshold {Threshold} s); the app's other callbacks wait behind it, other apps are unaffected.",
                _appName, Volatile.Read(ref _runningName), elapsed.TotalSeconds, _slowThreshold.TotalSeconds);
        }
    }

    private readonly record struct WorkItem(CallbackRegistration Registration, Func<CancellationToken, Task> Work, TaskCompletionSource? Completion);
}
