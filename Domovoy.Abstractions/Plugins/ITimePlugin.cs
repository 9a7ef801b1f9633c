namespace Domovoy.Abstractions;

/// <summary>Time in the host's configured time zone, from the host's clock (a fake one in tests).</summary>
public interface ITimePlugin
{
    /// <summary>The configured time zone.</summary>
    TimeZoneInfo TimeZone { get; }

    /// <summary>The current time in the configured time zone.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Today's date in the configured time zone.</summary>
    DateOnly Today { get; }

    /// <summary>
    /// An Rx scheduler on the host's clock (a fake one in tests) that runs its work on the app's callback queue and
    /// stops when the app stops. Pass it to time-based Rx operators (<c>Throttle</c>, <c>Delay</c>, <c>Interval</c>,
    /// <see cref="StateObservableExtensions.WhenStateIsFor{TState}"/>) so nothing fires after the app is finalized.
    /// </summary>
    System.Reactive.Concurrency.IScheduler Scheduler { get; }

    /// <summary>The current time in UTC.</summary>
    DateTimeOffset UtcNow { get; }

    /// <summary>Converts a time to the configured time zone.</summary>
    /// <param name="time">Any time.</param>
    /// <returns>The same instant with the configured zone's offset.</returns>
    DateTimeOffset ToLocal(DateTimeOffset time);

    /// <summary>
    /// Makes a wall-clock time aware: an unspecified-kind <see cref="DateTime"/> is read in the configured zone (a time
    /// skipped by daylight saving moves to the end of the gap; a repeated one is its first occurrence); UTC and local
    /// kinds keep their instant. The result carries the configured zone's offset.
    /// </summary>
    /// <param name="wallTime">The time.</param>
    /// <returns>The instant in the configured zone.</returns>
    DateTimeOffset MakeAware(DateTime wallTime);

    /// <summary>An instant from Unix epoch seconds (e.g. a ServEnts timestamp or a Home Assistant attribute), in the configured zone.</summary>
    /// <param name="epochSeconds">Seconds since 1970-01-01T00:00:00Z.</param>
    /// <returns>The instant in the configured zone.</returns>
    DateTimeOffset FromUnixSeconds(double epochSeconds);

    /// <summary>How long ago <paramref name="time"/> was (negative for the future), on the host clock.</summary>
    /// <param name="time">The instant.</param>
    /// <returns><see cref="UtcNow"/> minus <paramref name="time"/>.</returns>
    TimeSpan TimeSince(DateTimeOffset time);

    /// <summary>Waits for <paramref name="delay"/> on the host clock; cancelled when the app stops.</summary>
    /// <param name="delay">How long to wait.</param>
    /// <param name="cancellationToken">An extra token to stop waiting early.</param>
    /// <returns>A task that completes after the delay.</returns>
    /// <exception cref="OperationCanceledException">The app stopped or the token was cancelled.</exception>
    Task SleepForAsync(TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>
    /// Parses a time of day with the invariant culture: <c>7:30</c>, <c>07:30:15</c>, <c>19:05:00.250</c>, or
    /// <c>7:30 PM</c>.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The time of day.</returns>
    /// <exception cref="FormatException">The text is not a time of day; the message quotes it.</exception>
    TimeOnly ParseTime(string text);

    /// <summary>
    /// Parses a date (<c>2026-06-21</c>, midnight) or date and time (<c>2026-06-21 07:30</c>,
    /// <c>2026-06-21T07:30:00+02:00</c>) with the invariant culture. Text without an offset is a wall time in the
    /// configured zone (a time skipped by daylight saving moves to the end of the gap; a repeated one is its first
    /// occurrence).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The instant, with the configured zone's offset unless the text gave its own.</returns>
    /// <exception cref="FormatException">The text is not a date; the message quotes it.</exception>
    DateTimeOffset ParseDate(string text);

    /// <summary>
    /// True while the sun is less than 6° below the horizon (between civil dawn and civil dusk) at the home's location.
    /// </summary>
    /// <param name="time">The instant to check; default now.</param>
    /// <returns>Whether it is between dawn and dusk.</returns>
    /// <exception cref="InvalidOperationException">No location is known to the host.</exception>
    bool IsBetweenDawnAndDusk(DateTimeOffset? time = null);
}
