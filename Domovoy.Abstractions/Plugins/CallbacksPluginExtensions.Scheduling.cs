using System.Runtime.CompilerServices;

namespace Domovoy.Abstractions;

/// <summary>Synchronous and token-less overloads of the schedule methods.</summary>
public static partial class CallbacksPluginExtensions
{
    /// <summary>Runs a synchronous callback once at the next occurrence of <paramref name="time"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="time">The wall-clock time in the configured zone.</param>
    /// <param name="callback">The work.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The callback's id.</returns>
    public static CallbackId RunOnce(this ICallbacksPlugin callbacks, TimeOnly time, Action callback, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunOnce(time, Wrap(callback), name);

    /// <summary>Runs an async token-less callback once at the next occurrence of <paramref name="time"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="time">The wall-clock time in the configured zone.</param>
    /// <param name="callback">The work.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The callback's id.</returns>
    public static CallbackId RunOnce(this ICallbacksPlugin callbacks, TimeOnly time, Func<Task> callback, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunOnce(time, _ => callback(), name);

    /// <summary>Runs a synchronous callback every day at <paramref name="time"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="time">The wall-clock time in the configured zone.</param>
    /// <param name="callback">The work.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    public static CallbackId RunDaily(this ICallbacksPlugin callbacks, TimeOnly time, Action callback, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunDaily(time, Wrap(callback), name);

    /// <summary>Runs an async token-less callback every day at <paramref name="time"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="time">The wall-clock time in the configured zone.</param>
    /// <param name="callback">The work.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    public static CallbackId RunDaily(this ICallbacksPlugin callbacks, TimeOnly time, Func<Task> callback, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunDaily(time, _ => callback(), name);

    /// <summary>Runs a synchronous callback every hour.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="callback">The work.</param>
    /// <param name="start">The first run; default one period from now.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    public static CallbackId RunHourly(this ICallbacksPlugin callbacks, Action callback, DateTimeOffset? start = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunHourly(Wrap(callback), start, name);

    /// <summary>Runs an async token-less callback every hour.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="callback">The work.</param>
    /// <param name="start">The first run; default one period from now.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    public static CallbackId RunHourly(this ICallbacksPlugin callbacks, Func<Task> callback, DateTimeOffset? start = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunHourly(_ => callback(), start, name);

    /// <summary>Runs a synchronous callback every minute.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="callback">The work.</param>
    /// <param name="start">The first run; default one period from now.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    public static CallbackId RunMinutely(this ICallbacksPlugin callbacks, Action callback, DateTimeOffset? start = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunMinutely(Wrap(callback), start, name);

    /// <summary>Runs an async token-less callback every minute.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="callback">The work.</param>
    /// <param name="start">The first run; default one period from now.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    public static CallbackId RunMinutely(this ICallbacksPlugin callbacks, Func<Task> callback, DateTimeOffset? start = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunMinutely(_ => callback(), start, name);

    /// <summary>Runs a synchronous callback every second.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="callback">The work.</param>
    /// <param name="start">The first run; default one period from now.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    public static CallbackId RunSecondly(this ICallbacksPlugin callbacks, Action callback, DateTimeOffset? start = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunSecondly(Wrap(callback), start, name);

    /// <summary>Runs an async token-less callback every second.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="callback">The work.</param>
    /// <param name="start">The first run; default one period from now.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    public static CallbackId RunSecondly(this ICallbacksPlugin callbacks, Func<Task> callback, DateTimeOffset? start = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunSecondly(_ => callback(), start, name);

    /// <summary>Runs a synchronous callback at each occurrence of a cron expression.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="expression">The cron expression (5 or 6 fields).</param>
    /// <param name="callback">The work.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    public static CallbackId RunCron(this ICallbacksPlugin callbacks, string expression, Action callback, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunCron(expression, Wrap(callback), name);

    /// <summary>Runs an async token-less callback at each occurrence of a cron expression.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="expression">The cron expression (5 or 6 fields).</param>
    /// <param name="callback">The work.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    public static CallbackId RunCron(this ICallbacksPlugin callbacks, string expression, Func<Task> callback, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunCron(expression, _ => callback(), name);

    /// <summary>Runs a synchronous callback every day at a sun event plus an offset.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="sunEvent">The event.</param>
    /// <param name="callback">The work.</param>
    /// <param name="offset">Added to the event time.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    public static CallbackId RunDailyOnSunEvent(this ICallbacksPlugin callbacks, SunEvent sunEvent, Action callback, TimeSpan offset = default, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunDailyOnSunEvent(sunEvent, Wrap(callback), offset, name);

    /// <summary>Runs an async token-less callback every day at a sun event plus an offset.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="sunEvent">The event.</param>
    /// <param name="callback">The work.</param>
    /// <param name="offset">Added to the event time.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The schedule's id.</returns>
    public static CallbackId RunDailyOnSunEvent(this ICallbacksPlugin callbacks, SunEvent sunEvent, Func<Task> callback, TimeSpan offset = default, [CallerArgumentExpression(nameof(callback))] string? name = null)
        => callbacks.RunDailyOnSunEvent(sunEvent, _ => callback(), offset, name);
}
