using Microsoft.Extensions.Time.Testing;

namespace Domovoy.Core.Tests.Support;

/// <summary>
/// A host clock like <see cref="TimeProvider.System"/>: timers and timestamps follow elapsed time (a
/// <see cref="FakeTimeProvider"/>, moved by the test), while the wall clock (<see cref="GetUtcNow"/>) can also be stepped
/// forwards or backwards on its own, as NTP after boot, a VM resume or a corrected RTC does.
/// </summary>
internal sealed class SteppedClock(FakeTimeProvider elapsed) : TimeProvider
{
    private long _offsetTicks;

    public override long TimestampFrequency => elapsed.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => elapsed.LocalTimeZone;

    public override DateTimeOffset GetUtcNow() => elapsed.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override long GetTimestamp() => elapsed.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => elapsed.CreateTimer(callback, state, dueTime, period);

    /// <summary>Steps the wall clock by <paramref name="by"/> (negative: backwards); no time elapses.</summary>
    public void Step(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Steps the wall clock so it reads <paramref name="wall"/>; no time elapses.</summary>
    public void StepTo(DateTimeOffset wall) => Step(wall - GetUtcNow());
}
