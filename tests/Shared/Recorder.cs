namespace Domovoy.Tests.Shared;

/// <summary>
/// Collects things that happen (log lines, output lines, events) and lets a test wait for one, or for a condition over
/// all of them, without sleeping: waiters are checked as each item arrives.
/// </summary>
/// <typeparam name="T">What is recorded.</typeparam>
internal sealed class Recorder<T>
{
    private readonly List<T> _items = [];
    private readonly List<Func<T?, bool, bool>> _waiters = [];

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_items)
            {
                return _items.ToArray();
            }
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
            _waiters.RemoveAll(waiter => waiter(item, true));
        }
    }

    /// <summary>The first item (already recorded or future) matching <paramref name="match"/>.</summary>
    public Task<T> WaitForAsync(Func<T, bool> match, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool Check(T? item, bool isNew)
        {
            if (isNew)
            {
                return match(item!) && done.TrySetResult(item!);
            }

            foreach (var existing in _items)
            {
                if (match(existing))
                {
                    return done.TrySetResult(existing);
                }
            }

            return false;
        }

        Register(Check);
        return done.Task.WaitAsync(timeout);
    }

    /// <summary>Completes once <paramref name="condition"/> holds over everything recorded.</summary>
    public Task WaitUntilAsync(Func<IReadOnlyList<T>, bool> condition, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Register((_, _) => condition(_items) && done.TrySetResult());
        return done.Task.WaitAsync(timeout);
    }

    private void Register(Func<T?, bool, bool> waiter)
    {
        lock (_items)
        {
            if (!waiter(default, false))
            {
                _waiters.Add(waiter);
            }
        }
    }
}
