using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Domovoy.Abstractions;

/// <summary>Synchronous and token-less overloads of the listener methods.</summary>
public static partial class CallbacksPluginExtensions
{
    /// <summary>Calls a synchronous callback when the entity's state changes; see <see cref="ICallbacksPlugin.ListenState{TState}"/>.</summary>
    /// <typeparam name="TState">The entity's state type.</typeparam>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="callback">Receives the typed change.</param>
    /// <param name="options">Filters.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    public static CallbackId ListenState<TState>(this ICallbacksPlugin callbacks, EntityId<TState> entity, Action<StateChange<TState>> callback, StateListenOptions<TState>? options = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        ArgumentNullException.ThrowIfNull(callback);
        return callbacks.ListenState(entity, (change, _) =>
            {
                callback(change);
                return Task.CompletedTask;
            }, options, name);
    }

    /// <summary>Calls an async token-less callback when the entity's state changes; see <see cref="ICallbacksPlugin.ListenState{TState}"/>.</summary>
    /// <typeparam name="TState">The entity's state type.</typeparam>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="callback">Receives the typed change.</param>
    /// <param name="options">Filters.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    public static CallbackId ListenState<TState>(this ICallbacksPlugin callbacks, EntityId<TState> entity, Func<StateChange<TState>, Task> callback, StateListenOptions<TState>? options = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        ArgumentNullException.ThrowIfNull(callback);
        return callbacks.ListenState(entity, (change, _) => callback(change), options, name);
    }

    /// <summary>Calls a synchronous callback when an attribute changes; see <see cref="ICallbacksPlugin.ListenAttribute"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="attribute">The attribute name, or <c>"all"</c>.</param>
    /// <param name="callback">Receives the change.</param>
    /// <param name="options">Filters.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    public static CallbackId ListenAttribute(this ICallbacksPlugin callbacks, EntityId entity, string attribute, Action<AttributeChange> callback, StateListenOptions<JsonElement?>? options = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        ArgumentNullException.ThrowIfNull(callback);
        return callbacks.ListenAttribute(entity, attribute, (change, _) =>
            {
                callback(change);
                return Task.CompletedTask;
            }, options, name);
    }

    /// <summary>Calls an async token-less callback when an attribute changes; see <see cref="ICallbacksPlugin.ListenAttribute"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="attribute">The attribute name, or <c>"all"</c>.</param>
    /// <param name="callback">Receives the change.</param>
    /// <param name="options">Filters.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    public static CallbackId ListenAttribute(this ICallbacksPlugin callbacks, EntityId entity, string attribute, Func<AttributeChange, Task> callback, StateListenOptions<JsonElement?>? options = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        ArgumentNullException.ThrowIfNull(callback);
        return callbacks.ListenAttribute(entity, attribute, (change, _) => callback(change), options, name);
    }

    /// <summary>Calls a synchronous callback for each event of the given types; see <see cref="ICallbacksPlugin.ListenEvent"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="eventTypes">One or more event types.</param>
    /// <param name="callback">Receives the event.</param>
    /// <param name="options">Filters.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    public static CallbackId ListenEvent(this ICallbacksPlugin callbacks, IReadOnlyCollection<string> eventTypes, Action<HassEvent> callback, EventListenOptions? options = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        ArgumentNullException.ThrowIfNull(callback);
        return callbacks.ListenEvent(eventTypes, (e, _) =>
            {
                callback(e);
                return Task.CompletedTask;
            }, options, name);
    }

    /// <summary>Calls a synchronous callback for each event of one type; see <see cref="ICallbacksPlugin.ListenEvent"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="eventType">The event type, e.g. <c>call_service</c>.</param>
    /// <param name="callback">Receives the event.</param>
    /// <param name="options">Filters.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    public static CallbackId ListenEvent(this ICallbacksPlugin callbacks, string eventType, Action<HassEvent> callback, EventListenOptions? options = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        return callbacks.ListenEvent([eventType], callback, options, name);
    }

    /// <summary>Calls an async token-less callback for each event of the given types; see <see cref="ICallbacksPlugin.ListenEvent"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="eventTypes">One or more event types.</param>
    /// <param name="callback">Receives the event.</param>
    /// <param name="options">Filters.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    public static CallbackId ListenEvent(this ICallbacksPlugin callbacks, IReadOnlyCollection<string> eventTypes, Func<HassEvent, Task> callback, EventListenOptions? options = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        ArgumentNullException.ThrowIfNull(callback);
        return callbacks.ListenEvent(eventTypes, (e, _) => callback(e), options, name);
    }

    /// <summary>Calls an async token-less callback for each event of one type; see <see cref="ICallbacksPlugin.ListenEvent"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="eventType">The event type, e.g. <c>call_service</c>.</param>
    /// <param name="callback">Receives the event.</param>
    /// <param name="options">Filters.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    public static CallbackId ListenEvent(this ICallbacksPlugin callbacks, string eventType, Func<HassEvent, Task> callback, EventListenOptions? options = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        return callbacks.ListenEvent([eventType], callback, options, name);
    }

    /// <summary>Calls an async callback for each event of one type; see <see cref="ICallbacksPlugin.ListenEvent"/>.</summary>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="eventType">The event type, e.g. <c>call_service</c>.</param>
    /// <param name="callback">Receives the event.</param>
    /// <param name="options">Filters.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    public static CallbackId ListenEvent(this ICallbacksPlugin callbacks, string eventType, Func<HassEvent, CancellationToken, Task> callback, EventListenOptions? options = null, [CallerArgumentExpression(nameof(callback))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        return callbacks.ListenEvent([eventType], callback, options, name);
    }

    /// <summary>Waits until the entity is in <paramref name="state"/>; see <see cref="ICallbacksPlugin.WaitForStateAsync{TState}"/>.</summary>
    /// <typeparam name="TState">The entity's state type.</typeparam>
    /// <param name="callbacks">The app's callbacks plugin.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="state">The awaited state.</param>
    /// <param name="duration">How long the state must have held; default not at all.</param>
    /// <param name="timeout">How long to wait; default forever.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The state reached.</returns>
    /// <exception cref="TimeoutException"><paramref name="timeout"/> passed first.</exception>
    public static Task<TState> WaitForStateAsync<TState>(this ICallbacksPlugin callbacks, EntityId<TState> entity, TState state, TimeSpan? duration = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        return callbacks.WaitForStateAsync(entity, [state], duration, timeout, cancellationToken);
    }
}
