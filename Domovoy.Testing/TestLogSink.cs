using Microsoft.Extensions.Logging;

namespace Domovoy.Testing;

/// <summary>Keeps every log line of the home (apps, engine, client), attributing app loggers to their app.</summary>
internal sealed class TestLogSink : ILoggerProvider
{
    /// <summary>RuntimeLog.CallbackThrew: an app's callback threw.</summary>
    private const int CallbackThrewEventId = 1100;

    private readonly Lock _gate = new();
    private readonly List<AppLogLine> _lines = [];
    private readonly List<AppCallbackError> _errors = [];
    private readonly Dictionary<string, string> _appsByCategory = new(StringComparer.Ordinal);

    public IReadOnlyList<AppLogLine> Lines
    {
        get
        {
            lock (_gate)
            {
                return _lines.ToArray();
            }
        }
    }

    public IReadOnlyList<AppCallbackError> Errors
    {
        get
        {
            lock (_gate)
            {
                return _errors.ToArray();
            }
        }
    }

    public int ErrorCount
    {
        get
        {
            lock (_gate)
            {
                return _errors.Count;
            }
        }
    }

    /// <summary>App loggers are named after the registration's display name (<c>AppClass.app_name</c>).</summary>
    public void MapCategory(string category, string app)
    {
        lock (_gate)
        {
            _appsByCategory[category] = app;
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string category, LogLevel level, EventId eventId, string message, Exception? exception)
    {
        lock (_gate)
        {
            var app = _appsByCategory.GetValueOrDefault(category);
            _lines.Add(new AppLogLine(app, level, message, exception));
            var isBackgroundError = eventId.Id == 0 && message.StartsWith($"App {app}: background work ", StringComparison.Ordinal);
            if (app is not null && exception is not null && level >= LogLevel.Error && (eventId.Id == CallbackThrewEventId || isBackgroundError))
            {
                _errors.Add(new AppCallbackError(app, message, exception));
            }
        }
    }

    private sealed class Logger(TestLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                sink.Add(category, logLevel, eventId, formatter(state, exception), exception);
            }
        }
    }
}
