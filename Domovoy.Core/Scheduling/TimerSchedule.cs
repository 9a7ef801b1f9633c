namespace Domovoy.Core.Scheduling;

/// <summary>What a <see cref="ScheduledTimer"/> follows.</summary>
/// <param name="FirstDue">The first due time.</param>
/// <param name="NextAfter">The rule: the first due time strictly after the given instant, or null when the schedule ends.</param>
/// <param name="Clock">The clock the due times are read on.</param>
/// <param name="MisfireGrace">How late an occurrence may be found and still run; a later one is skipped, never run late.</param>
/// <param name="OncePerDayIn">
/// For daily schedules (time of day, sun events): the zone whose local days each get at most one occurrence, run or
/// skipped, whatever the clock or the location does afterwards. Null for other schedules.
/// </param>
/// <param name="Recompute">
/// True when the rule's answer can change over time (a sun event at a location Home Assistant may move): the pending due
/// time is recomputed at each wake of the timer, so a new location applies to the very next run.
/// </param>
internal sealed record TimerSchedule(
    DateTimeOffset FirstDue,
    Func<DateTimeOffset, DateTimeOffset?> NextAfter,
    ScheduleClock Clock,
    TimeSpan MisfireGrace,
    TimeZoneInfo? OncePerDayIn = null,
    bool Recompute = false);
