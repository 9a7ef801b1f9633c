namespace Domovoy.Core.Scheduling;

/// <summary>Which clock a <see cref="ScheduledTimer"/> reads its due times on.</summary>
internal enum ScheduleClock
{
    /// <summary>
    /// The wall clock (<see cref="TimeProvider.GetUtcNow"/>), for absolute times (RunAt, daily, cron, sun events, RunEvery's
    /// grid). A step of the wall clock (NTP after boot, a VM resume) is noticed within half the misfire grace, at most 30 s.
    /// </summary>
    Wall,

    /// <summary>
    /// Time elapsed since the schedule was made (<see cref="TimeProvider.GetTimestamp"/>), for relative delays (RunIn):
    /// a step of the wall clock neither delays nor hastens them.
    /// </summary>
    Elapsed,
}
