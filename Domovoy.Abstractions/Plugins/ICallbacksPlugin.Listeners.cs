using System.Text.Json;

namespace Domovoy.Abstractions;

public partial interface ICallbacksPlugin
{
    /// <summary>
    /// Calls <paramref name="callback"/> when the entity's state text changes (attribute-only updates are ignored),
    /// optionally only for matching old/new states, only once the new state has held for a while, or only once.
    /// </summary>
    /// <example>
    /// <code>
    /// // Motion seen and still there after 2 minutes:
    /// Callbacks.ListenState(motion, OnStillPresent, new() { New = true, Duration = TimeSpan.FromMinutes(2) });
    /// </code>
    /// </example>
    /// <typeparam name="TState">The entity's state type.</typeparam>
    /// <param name="entity">The entity.</param>
    /// <param name="callback">Receives the typed change (for a <see cref="StateListenOptions.Duration"/>, the change that started the hold).</param>
    /// <param name="options">Filters: <see cref="StateListenOptions{TState}.New"/>, <see cref="StateListenOptions{TState}.Old"/>,
    /// <see cref="StateListenOptions.Duration"/>, <see cref="StateListenOptions.Immediate"/>, <see cref="StateListenOptions.OneShot"/>.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    CallbackId ListenState<TState>(EntityId<TState> entity, Func<StateChange<TState>, CancellationToken, Task> callback, StateListenOptions<TState>? options = null, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>
    /// Calls <paramref name="callback"/> when an attribute of the entity changes; with <c>"all"</c>, on every update of the
    /// entity (state or any attribute). The filters work as for <see cref="ListenState{TState}"/>, on the attribute's JSON
    /// value (<see cref="StateFilter.Json"/> builds an equality filter from any value); with <c>"all"</c>,
    /// <c>New</c>/<c>Old</c> are not supported and <see cref="StateListenOptions.Duration"/> means "no update for that long".
    /// </summary>
    /// <param name="entity">The entity.</param>
    /// <param name="attribute">The attribute name, or <c>"all"</c>.</param>
    /// <param name="callback">Receives the change.</param>
    /// <param name="options">Filters.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    /// <exception cref="ArgumentException"><c>New</c> or <c>Old</c> was given with <c>"all"</c>.</exception>
    CallbackId ListenAttribute(EntityId entity, string attribute, Func<AttributeChange, CancellationToken, Task> callback, StateListenOptions<JsonElement?>? options = null, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>
    /// Calls <paramref name="callback"/> for each Home Assistant event of the given types, optionally only for events whose
    /// data matches <see cref="EventListenOptions.Data"/> and <see cref="EventListenOptions.Where"/>.
    /// </summary>
    /// <param name="eventTypes">One or more event types.</param>
    /// <param name="callback">Receives the event.</param>
    /// <param name="options">Filters.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    CallbackId ListenEvent(IReadOnlyCollection<string> eventTypes, Func<HassEvent, CancellationToken, Task> callback, EventListenOptions? options = null, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>
    /// Waits until the entity's (parsed) state is one of <paramref name="states"/> — and, with <paramref name="duration"/>,
    /// has stayed so for that long (time already spent in the state counts). Completes at once if that is already true.
    /// Unlike the other listeners this does not go through the app's queue, so it can be awaited inside a callback.
    /// Whatever the outcome, its listener is removed before the task completes.
    /// </summary>
    /// <typeparam name="TState">The entity's state type.</typeparam>
    /// <param name="entity">The entity.</param>
    /// <param name="states">The accepted states.</param>
    /// <param name="duration">How long the state must have held; default not at all.</param>
    /// <param name="timeout">How long to wait; default forever.</param>
    /// <param name="cancellationToken">Stops waiting (the app stopping does too).</param>
    /// <returns>The state reached.</returns>
    /// <exception cref="TimeoutException"><paramref name="timeout"/> passed first.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled or the app stopped.</exception>
    Task<TState> WaitForStateAsync<TState>(EntityId<TState> entity, IReadOnlyCollection<TState> states, TimeSpan? duration = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default);
}
