using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Tests.HomeAssistant;

/// <summary>Collects log lines (message and exception text) and lets tests wait for one.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();
    private readonly List<(Func<LogLevel, string, bool> Match, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<(LogLevel Level, string Text)> Lines => _lines.ToArray();

    public string AllText => string.Join('\n', _lines.Select(l => l.Text));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var text = formatter(state, exception) + (exception is null ? string.Empty : "\n" + exception);
        _lines.Enqueue((logLevel, text));
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(logLevel, text)).ToArray())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public Task WaitForAsync(Func<LogLevel, string, bool> match)
    {
        lock (_waiters)
        {
            if (_lines.Any(l => match(l.Level, l.Text)))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task;
        }
    }
}
