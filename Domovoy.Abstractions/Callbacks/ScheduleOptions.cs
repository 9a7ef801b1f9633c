namespace Domovoy.Abstractions;

/// <summary>
/// Options of timers and schedules (the <c>Run*</c> methods), applied through
/// <see cref="ICallbacksPlugin.WithScheduleOptions"/>.
/// </summary>
public sealed record ScheduleOptions
{
    /// <summary>
    /// The misfire grace (the APScheduler/Quartz term): how late an occurrence may be found and still run. One found
    /// later (the wall clock stepped forward after boot, the machine was suspended or overloaded) is skipped with one
    /// information log line naming the app, the callback, the scheduled time and how late it was; it is never run late.
    /// Null (the default) uses the host's <c>misfire_grace_s</c> from config.yml (default 60 s).
    /// </summary>
    /// <remarks>
    /// Must be at least 1 second. Use a long grace (e.g. hours) for work that must still happen after a missed time,
    /// such as a daily backup.
    /// </remarks>
    public TimeSpan? MisfireGrace { get; init; }
}
