using Microsoft.Extensions.Logging;

namespace Domovoy.Host.Admin.Logs;

/// <summary>Feeds every log line of the host (at the configured level) into the <see cref="LiveLogStore"/>.</summary>
internal sealed class LiveLogProvider(LiveLogStore store) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new LiveLogger(store, categoryName);

    public void Dispose()
    {
    }

    private sealed class LiveLogger(LiveLogStore store, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (exception is not null)
            {
                message = $"{message} ({exception.GetType().Name}: {exception.Message})";
            }

            store.Add(logLevel, category, AppOf(state), message);
        }

        /// <summary>The <c>{App}</c> property of a structured message (the engine's lines about an app carry it).</summary>
        private static string? AppOf<TState>(TState state)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> properties)
            {
                foreach (var (key, value) in properties)
                {
                    if (key == "App" && value is string app)
                    {
                        return app;
                    }
                }
            }

            return null;
        }
    }
}
