namespace Domovoy.Core.Apps.Runtime;

/// <summary>
/// Counts the work the engine's apps have queued or running (callbacks on every app's queue and tracked background
/// work), so a caller that drives a fake clock can wait until every app is idle (Domovoy.Testing's settle step).
/// Cheap enough to be always on: one lock per queued item.
/// </summary>
internal sealed class AppWorkTracker
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _idle = Completed();
    private int _outstanding;
    private long _started;

    /// <summary>How many work items were ever started; a change between two idle moments means work happened.</summary>
    public long Started
    {
        get
        {
            lock (_gate)
            {
                return _started;
            }
        }
    }

    /// <summary>Completes when no work is queued or running (already completed when idle now).</summary>
    public Task WhenIdle
    {
        get
        {
            lock (_gate)
            {
                return _idle.Task;
            }
        }
    }

    /// <summary>Counts one work item as queued; pair with <see cref="End"/>.</summary>
    public void Begin()
    {
        lock (_gate)
        {
            _started++;
            if (_outstanding++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Counts one work item as done (run, skipped or dropped).</summary>
    public void End()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            if (--_outstanding == 0)
            {
                idle = _idle;
            }
        }

        idle?.TrySetResult();
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
