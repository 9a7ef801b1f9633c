using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Lifecycle;

/// <summary>The app lifecycle lines users and tests rely on. Event ids 1000–1099.</summary>
internal static partial class LifecycleLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "App {App} initialized")]
    public static partial void Initialized(ILogger logger, string app);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "App {App} failed: InitializeAsync did not finish within {Timeout} s. Make it return once listeners and timers are set up (long work belongs in callbacks or Utils.RunInBackground).")]
    public static partial void InitializeTimedOut(ILogger logger, string app, double timeout);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "App {App}: initialization cancelled because the host is stopping.")]
    public static partial void InitializeCancelled(ILogger logger, string app);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "App {App} failed: InitializeAsync threw {ExceptionType}: {Message}")]
    public static partial void InitializeThrew(ILogger logger, Exception exception, string app, string exceptionType, string message);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "App {App} abandoned: callback {Callback} did not return within {Timeout} s of cancellation (it ignores its CancellationToken). FinalizeAsync was not called; the app's queue is detached and nothing more is delivered to it.")]
    public static partial void CallbackAbandoned(ILogger logger, string app, string callback, double timeout);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "App {App} abandoned: FinalizeAsync did not finish within {Timeout} s; moving on without it.")]
    public static partial void FinalizeTimedOut(ILogger logger, string app, double timeout);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "App {App}: FinalizeAsync threw {ExceptionType}: {Message}")]
    public static partial void FinalizeThrew(ILogger logger, Exception exception, string app, string exceptionType, string message);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "App {App} terminated")]
    public static partial void Terminated(ILogger logger, string app);
}
