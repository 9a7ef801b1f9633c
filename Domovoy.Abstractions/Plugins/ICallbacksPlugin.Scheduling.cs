namespace Domovoy.Abstractions;

public partial interface ICallbacksPlugin
{
    /// <summary>Runs the callback once at the next occurrence of <paramref name="time"/> (today if it is still ahead, else tomorrow).</summary>
    /// <param name="time">The wall-clock time in the configured zone.</param>
    /// <param name="callback">The work.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The callback's id.</returns>
    /// <remarks>
    /// The time is a wall-clock time in the configured zone (<see cref="ITimePlugin.TimeZone"/>). On a spring-forward
    /// day a time inside the gap runs once at the first valid time after it (02:30 becomes 03:00 in Europe/Berlin); on a
    /// fall-back day a repeated time runs once, at its first occurrence.
    /// </remarks>
    CallbackId RunOnce(TimeOnly time, Func<CancellationToken, Task> callback, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>Runs the callback every day at <paramref name="time"/>, first today if it is still ahead, else tomorrow.</summary>
    /// <param name="time">The wall-clock time in the configured zone.</param>
    /// <param name="callback">The work.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id; one registration for the schedule's whole life, so it stays valid for <see cref="Cancel"/>.</returns>
    /// <remarks>
    /// The time is a wall-clock time in the configured zone (<see cref="ITimePlugin.TimeZone"/>). On a spring-forward
    /// day a time inside the gap runs once at the first valid time after it (02:30 becomes 03:00 in Europe/Berlin); on a
    /// fall-back day a repeated time runs once, at its first occurrence.
    /// </remarks>
    CallbackId RunDaily(TimeOnly time, Func<CancellationToken, Task> callback, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>Runs the callback every hour (every 60 real minutes, so it is unaffected by daylight saving).</summary>
    /// <param name="callback">The work.</param>
    /// <param name="start">The first run; default one hour from now.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    CallbackId RunHourly(Func<CancellationToken, Task> callback, DateTimeOffset? start = null, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>Runs the callback every minute.</summary>
    /// <param name="callback">The work.</param>
    /// <param name="start">The first run; default one minute from now.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    CallbackId RunMinutely(Func<CancellationToken, Task> callback, DateTimeOffset? start = null, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>Runs the callback every second.</summary>
    /// <param name="callback">The work.</param>
    /// <param name="start">The first run; default one second from now.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    CallbackId RunSecondly(Func<CancellationToken, Task> callback, DateTimeOffset? start = null, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>
    /// Runs the callback at each occurrence of a cron expression in the configured zone. Five fields
    /// (<c>minute hour day month weekday</c>) or six with leading seconds (<c>second minute hour day month weekday</c>);
    /// macros such as <c>@daily</c> are accepted.
    /// </summary>
    /// <param name="expression">The cron expression, e.g. <c>0 7 * * MON-FRI</c> or <c>*/30 * * * * *</c>.</param>
    /// <param name="callback">The work.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    /// <exception cref="ArgumentException">The expression is not valid cron; the message names it.</exception>
    /// <remarks>Occurrences inside a spring-forward gap run at the end of the gap; repeated fall-back times run once.</remarks>
    CallbackId RunCron(string expression, Func<CancellationToken, Task> callback, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>
    /// Runs the callback every day at a sun event plus <paramref name="offset"/>, at the location Home Assistant reports
    /// (or the host's configured coordinates). Days on which the event does not happen (polar day or night) are skipped.
    /// </summary>
    /// <param name="sunEvent">The event.</param>
    /// <param name="callback">The work.</param>
    /// <param name="offset">Added to the event time, e.g. -30 minutes for "half an hour before sunset"; at most one day either way.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id; it stays valid across days.</returns>
    /// <exception cref="InvalidOperationException">No location is known to the host.</exception>
    CallbackId RunDailyOnSunEvent(SunEvent sunEvent, Func<CancellationToken, Task> callback, TimeSpan offset = default, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);
}
