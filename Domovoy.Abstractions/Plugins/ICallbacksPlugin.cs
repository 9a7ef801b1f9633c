namespace Domovoy.Abstractions;

/// <summary>
/// Timers, schedules and listeners owned by the app. Every callback runs on the app's own queue, never concurrently with
/// the app's other callbacks; an exception is logged (with the app and callback name) and later callbacks still run.
/// Everything registered here is cancelled automatically before <see cref="AppBase.FinalizeAsync"/>.
/// </summary>
/// <remarks>
/// Each method takes an async callback; <see cref="CallbacksPluginExtensions"/> adds overloads for synchronous ones.
/// The optional <c>name</c> defaults to the callback expression and appears in logs and statistics.
/// </remarks>
public partial interface ICallbacksPlugin
{
    /// <summary>Runs the callback once after <paramref name="delay"/> (millisecond precision is kept).</summary>
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
    /// from now). Runs are computed from the start time, so they do not drift.
    /// </summary>
    /// <param name="interval">The period; must be positive.</param>
    /// <param name="callback">The work.</param>
    /// <param name="start">The first run; default now + interval.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The callback's id.</returns>
    CallbackId RunEvery(TimeSpan interval, Func<CancellationToken, Task> callback, DateTimeOffset? start = null, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>Cancels a timer, schedule or listener of this app. Unknown or already cancelled ids return false and log a warning.</summary>
    /// <param name="id">The id a Run*/Listen* method returned.</param>
    /// <returns>True if something was cancelled.</returns>
    bool Cancel(CallbackId id);
}
