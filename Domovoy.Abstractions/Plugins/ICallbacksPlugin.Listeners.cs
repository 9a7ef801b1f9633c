namespace Domovoy.Abstractions;

public partial interface ICallbacksPlugin
{
    /// <summary>
    /// Calls <paramref name="callback"/> when the entity's state text changes (attribute-only updates are ignored).
    /// </summary>
    /// <typeparam name="TState">The entity's state type.</typeparam>
    /// <param name="entity">The entity.</param>
    /// <param name="callback">Receives the typed change.</param>
    /// <param name="options">Filters such as <see cref="StateListenOptions.Immediate"/> and <see cref="StateListenOptions.OneShot"/>.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    CallbackId ListenState<TState>(EntityId<TState> entity, Func<StateChange<TState>, CancellationToken, Task> callback, StateListenOptions? options = null, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>
    /// Calls <paramref name="callback"/> when an attribute of the entity changes; with <c>"all"</c>, on every update of the
    /// entity (state or any attribute).
    /// </summary>
    /// <param name="entity">The entity.</param>
    /// <param name="attribute">The attribute name, or <c>"all"</c>.</param>
    /// <param name="callback">Receives the change.</param>
    /// <param name="options">Filters.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    CallbackId ListenAttribute(EntityId entity, string attribute, Func<AttributeChange, CancellationToken, Task> callback, StateListenOptions? options = null, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>Calls <paramref name="callback"/> for each Home Assistant event of the given types.</summary>
    /// <param name="eventTypes">One or more event types.</param>
    /// <param name="callback">Receives the event.</param>
    /// <param name="options">Filters.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    CallbackId ListenEvent(IReadOnlyCollection<string> eventTypes, Func<HassEvent, CancellationToken, Task> callback, EventListenOptions? options = null, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);
}
