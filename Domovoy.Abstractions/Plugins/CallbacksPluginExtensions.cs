using System.Runtime.CompilerServices;

namespace Domovoy.Abstractions;

/// <summary>Overloads of <see cref="ICallbacksPlugin"/> methods for synchronous and token-less callbacks.</summary>
public static partial class CallbacksPluginExtensions
{
    /// <summary>Runs a synchronous callback once after <paramref name="delay"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="delay">How long to wait.</param>
    /// <param name="callback">The work.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The callback's id.</returns>
    public static CallbackId RunIn(this ICallbacksPlugin callbacks, TimeSpan delay, Action callback, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunIn(delay, Wrap(callback), name);

    /// <summary>Runs an async callback without a token once after <paramref name="delay"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="delay">How long to wait.</param>
    /// <param name="callback">The work.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The callback's id.</returns>
    public static CallbackId RunIn(this ICallbacksPlugin callbacks, TimeSpan delay, Func<Task> callback, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunIn(delay, _ => callback(), name);

    /// <summary>Runs a synchronous callback once at <paramref name="time"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="time">When to run.</param>
    /// <param name="callback">The work.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The callback's id.</returns>
    public static CallbackId RunAt(this ICallbacksPlugin callbacks, DateTimeOffset time, Action callback, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunAt(time, Wrap(callback), name);

    /// <summary>Runs an async callback without a token once at <paramref name="time"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="time">When to run.</param>
    /// <param name="callback">The work.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The callback's id.</returns>
    public static CallbackId RunAt(this ICallbacksPlugin callbacks, DateTimeOffset time, Func<Task> callback, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunAt(time, _ => callback(), name);

    /// <summary>Runs a synchronous callback every <paramref name="interval"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="interval">The period.</param>
    /// <param name="callback">The work.</param>
    /// <param name="start">The first run; default now + interval.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The callback's id.</returns>
    public static CallbackId RunEvery(this ICallbacksPlugin callbacks, TimeSpan interval, Action callback, DateTimeOffset? start = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunEvery(interval, Wrap(callback), start, name);

    /// <summary>Runs an async callback without a token every <paramref name="interval"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="interval">The period.</param>
    /// <param name="callback">The work.</param>
    /// <param name="start">The first run; default now + interval.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The callback's id.</returns>
    public static CallbackId RunEvery(this ICallbacksPlugin callbacks, TimeSpan interval, Func<Task> callback, DateTimeOffset? start = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunEvery(interval, _ => callback(), start, name);

    private static Func<CancellationToken, Task> Wrap(Action callback) => _ =>
    {
        callback();
        return Task.CompletedTask;
    };
}
