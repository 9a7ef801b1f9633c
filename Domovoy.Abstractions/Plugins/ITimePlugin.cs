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

    /// <summary>The current time in UTC.</summary>
    DateTimeOffset UtcNow { get; }

    /// <summary>Converts a time to the configured time zone.</summary>
    /// <param name="time">Any time.</param>
    /// <returns>The same instant with the configured zone's offset.</returns>
    DateTimeOffset ToLocal(DateTimeOffset time);

    /// <summary>Waits for <paramref name="delay"/> on the host clock; cancelled when the app stops.</summary>
    /// <param name="delay">How long to wait.</param>
    /// <param name="cancellationToken">An extra token to stop waiting early.</param>
    /// <returns>A task that completes after the delay.</returns>
    /// <exception cref="OperationCanceledException">The app stopped or the token was cancelled.</exception>
    Task SleepForAsync(TimeSpan delay, CancellationToken cancellationToken = default);
}
