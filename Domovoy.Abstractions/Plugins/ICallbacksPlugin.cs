namespace Domovoy.Abstractions;

/// <summary>
/// Timers, schedules and listeners owned by the app. Every callback runs on the app's own queue, never concurrently with
/// the app's other callbacks; an exception is logged (with the app and callback name) and later callbacks still run.
/// Everything registered here is cancelled automatically before <see cref="AppBase.FinalizeAsync"/>.
/// </summary>
/// <remarks>
/// Each method takes an async callback; <see cref="CallbacksPluginExtensions"/> adds overloads for synchronous ones.
/// The optional <c>name</c> defaults to the callback expression and appears in logs and statistics.
/// <para>
/// Timers and schedules follow the misfire rule: an occurrence found more than the misfire grace late (default 60 s,
/// config.yml <c>misfire_grace_s</c>, per schedule <see cref="WithScheduleOptions"/>) — the wall clock stepped forward
/// after boot, the machine was suspended — is skipped with one information log line, never run late. A step of the
/// wall clock backwards never runs an occurrence twice, and daily schedules (<see cref="RunDaily"/>,
/// <see cref="RunDailyOnSunEvent"/>) run at most once per local day.
/// </para>
/// </remarks>
public partial interface ICallbacksPlugin
{
    /// <summary>
    /// Runs the callback once after <paramref name="delay"/> (millisecond precision is kept). The delay is measured in
    /// elapsed time, so a step of the wall clock neither delays nor hastens it, and it runs however late its timer fires
    /// (the misfire rule is for scheduled times, not delays).
    /// </summary>
    /// <param name="delay">How long to wait; must not be negative.</param>
    /// <param name="callback">The work; its token is cancelled when the app stops.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The callback's id.</returns>
    CallbackId RunIn(TimeSpan delay, Func<CancellationToken, Task> callback, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>Runs the callback once at <paramref name="time"/>. A time in the past is an error.</summary>
    /// <param name="time">When to run.</param>
    /// <param name="callback">The work.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The callback's id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is in the past.</exception>
    CallbackId RunAt(DateTimeOffset time, Func<CancellationToken, Task> callback, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>
    /// Runs the callback every <paramref name="interval"/>, first at <paramref name="start"/> (default: one interval
    /// from now). Runs are the wall-clock instants <c>start + k·interval</c>, so they do not drift. After a forward
    /// step of the wall clock the missed runs are skipped (misfire rule) and the grid continues; after a backward step
    /// the next run waits until the wall clock reaches it again, so no run happens twice.
    /// </summary>
    /// <param name="interval">The period; must be positive.</param>
    /// <param name="callback">The work.</param>
    /// <param name="start">The first run; default now + interval.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The callback's id.</returns>
    CallbackId RunEvery(TimeSpan interval, Func<CancellationToken, Task> callback, DateTimeOffset? start = null, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>
    /// The same callbacks plugin, but timers and schedules created through the returned object use
    /// <paramref name="options"/>, e.g.
    /// <c>Callbacks.WithScheduleOptions(new() { MisfireGrace = TimeSpan.FromHours(6) }).RunDaily(new TimeOnly(3, 0), Backup)</c>.
    /// Listeners and <see cref="Cancel"/> behave exactly as on this object; ids are shared.
    /// </summary>
    /// <param name="options">The options; unset members keep the host's defaults.</param>
    /// <returns>A callbacks plugin of the same app that applies the options.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ScheduleOptions.MisfireGrace"/> is less than 1 second.</exception>
    ICallbacksPlugin WithScheduleOptions(ScheduleOptions options);

    /// <summary>Cancels a timer, schedule or listener of this app. Unknown or already cancelled ids return false and log a warning.</summary>
    /// <param name="id">The id a Run*/Listen* method returned.</param>
    /// <returns>True if something was cancelled.</returns>
    bool Cancel(CallbackId id);
}
