using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Scheduling;

/// <summary>Log lines of app schedules that users rely on (event ids 3100–3199).</summary>
internal static partial class SchedulingLog
{
    /// <summary>
    /// An occurrence found more than the misfire grace late was skipped (not run late). Times are in the app's zone;
    /// <paramref name="late"/> is rounded to whole seconds; <paramref name="nextRun"/> is a time or "none".
    /// </summary>
    [LoggerMessage(
        EventId = 3101,
        EventName = "MisfireSkipped",
        Level = LogLevel.Information,
        Message = "App {App}: skipped {Callback} scheduled for {ScheduledTime:yyyy-MM-dd HH:mm:ss zzz}: found {Late} late, more than the misfire grace of {MisfireGrace}; next run {NextRun}")]
    public static partial void MisfireSkipped(ILogger logger, string app, string callback, DateTimeOffset scheduledTime, TimeSpan late, TimeSpan misfireGrace, string nextRun);
}
