using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>The log lines of an app's runtime (queue, callbacks, stop) that users and tests rely on. Event ids 1100–1199.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "App {App}: callback {Callback} threw {ExceptionType}: {Message}")]
    public static partial void CallbackThrew(ILogger logger, Exception exception, string app, string callback, string exceptionType, string message);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "App {App}: callback {Callback} threw {Count} times in a row; further errors of it are summarised every {Seconds} s instead of logged one by one.")]
    public static partial void CallbackErrorsSummarised(ILogger logger, string app, string callback, int count, double seconds);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "App {App}: callback {Callback} threw {Count} times in the last {Seconds} s; last: {ExceptionType}: {Message}")]
    public static partial void CallbackErrorSummary(ILogger logger, string app, string callback, long count, double seconds, string exceptionType, string message);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "App {App}: background work {Names} did not stop within the {Timeout} s stop deadline after it was cancelled (it ignores its CancellationToken); it is abandoned and may outlive the app.")]
    public static partial void BackgroundWorkAbandoned(ILogger logger, string app, string names, double timeout);
}
