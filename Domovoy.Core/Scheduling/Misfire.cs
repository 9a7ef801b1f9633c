namespace Domovoy.Core.Scheduling;

/// <summary>An occurrence found more than the misfire grace late, and therefore skipped.</summary>
/// <param name="ScheduledTime">When it was due.</param>
/// <param name="Late">How late it was found (now minus <paramref name="ScheduledTime"/>).</param>
/// <param name="Grace">The misfire grace it exceeded.</param>
/// <param name="NextRun">The next due time, or null when the schedule has ended.</param>
internal readonly record struct Misfire(DateTimeOffset ScheduledTime, TimeSpan Late, TimeSpan Grace, DateTimeOffset? NextRun);
