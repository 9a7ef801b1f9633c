using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>
/// Logs the exceptions of one app's callbacks without flooding the log: the first <see cref="FullReports"/> errors of a
/// callback are logged with their stack; after that they are counted and summarised once per <see cref="Window"/>
/// ("threw N times in the last 60 s; last: …"). A callback that stays quiet for a whole window gets a fresh budget.
/// A 10 ms timer that throws would otherwise write 100 stack traces a second.
/// </summary>
internal sealed class CallbackErrorReporter(string appName, ILogger logger, TimeProvider time)
{
    /// <summary>How many errors of one callback are logged in full before summarising.</summary>
    public const int FullReports = 3;

    /// <summary>The summary period.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Dictionary<CallbackRegistration, ErrorWindow> _windows = new(ReferenceEqualityComparer.Instance);

    /// <summary>Reports one exception thrown by <paramref name="registration"/>'s callback.</summary>
    public void Report(CallbackRegistration registration, Exception exception)
    {
        bool full;
        bool lastFull = false;
        lock (_windows)
        {
            if (!_windows.TryGetValue(registration, out var window))
            {
                window = new ErrorWindow(time.GetTimestamp());
                _windows[registration] = window;
            }

            full = ++window.Logged <= FullReports;
            lastFull = window.Logged == FullReports;
            if (!full)
            {
                window.Suppressed++;
                window.Last = exception;
            }
        }

        if (full)
        {
            RuntimeLog.CallbackThrew(logger, exception, appName, registration.Name, exception.GetType().Name, exception.Message);
            if (lastFull)
            {
                RuntimeLog.CallbackErrorsSummarised(logger, appName, registration.Name, FullReports, Window.TotalSeconds);
            }
        }
    }

    /// <summary>Logs the summaries whose window has ended; called by the dispatcher's watchdog tick.</summary>
    public void FlushDue() => Flush(all: false);

    /// <summary>Logs every pending summary (the app is stopping).</summary>
    public void FlushAll() => Flush(all: true);

    private void Flush(bool all)
    {
        List<(CallbackRegistration Registration, long Count, double Seconds, Exception Last)>? due = null;
        lock (_windows)
        {
            foreach (var (registration, window) in _windows.ToArray())
            {
                if (!all && time.GetElapsedTime(window.Started) < Window)
                {
                    continue;
                }

                if (window.Suppressed > 0)
                {
                    (due ??= []).Add((registration, window.Suppressed, Math.Round(time.GetElapsedTime(window.Started).TotalSeconds), window.Last!));
                    _windows[registration] = new ErrorWindow(time.GetTimestamp()) { Logged = FullReports };
                }
                else
                {
                    _windows.Remove(registration);
                }
            }
        }

        foreach (var (registration, count, seconds, last) in due ?? [])
        {
            RuntimeLog.CallbackErrorSummary(logger, appName, registration.Name, count, seconds, last.GetType().Name, last.Message);
        }
    }

    private sealed class ErrorWindow(long started)
    {
        public long Started { get; } = started;

        public int Logged { get; set; }

        public long Suppressed { get; set; }

        public Exception? Last { get; set; }
    }
}
