using Domovoy.Tests.Shared;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Tests.Infrastructure;

/// <summary>Collects log lines and lets tests wait for one to appear (no sleeping).</summary>
public sealed class LogSink : ILoggerProvider
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private readonly Recorder<LogLine> _lines = new();

    public IReadOnlyCollection<LogLine> Lines => _lines.Items;

    /// <summary>Every line with its exception, for "never appears anywhere" checks.</summary>
    public string AllText => string.Join('\n', _lines.Items.Select(l => l.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Waits for a line (already logged or future) matching <paramref name="match"/>.</summary>
    public Task<LogLine> WaitForAsync(Func<LogLine, bool> match, TimeSpan? timeout = null)
        => _lines.WaitForAsync(match, timeout ?? DefaultTimeout);

    public Task<LogLine> WaitForAsync(string contains, TimeSpan? timeout = null)
        => WaitForAsync(l => l.Message.Contains(contains, StringComparison.Ordinal), timeout);

    public int Count(string contains) => _lines.Items.Count(l => l.Message.Contains(contains, StringComparison.Ordinal));

    public sealed record LogLine(string Category, LogLevel Level, string Message, Exception? Exception)
    {
        /// <summary>The message followed by the exception, if any.</summary>
        public string Text => Exception is null ? Message : Message + "\n" + Exception;

        /// <summary>The event id, for lines logged through <c>[LoggerMessage]</c> methods.</summary>
        public EventId EventId { get; init; }
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => sink._lines.Add(new LogLine(category, logLevel, formatter(state, exception), exception) { EventId = eventId });
    }
}
