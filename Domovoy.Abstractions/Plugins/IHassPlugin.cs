using System.Text.Json;

namespace Domovoy.Abstractions;

/// <summary>
/// Home Assistant for one app: reads come from a local state cache kept current over the WebSocket connection; calls go
/// to Home Assistant. The app keeps running across reconnects and Home Assistant restarts.
/// </summary>
public interface IHassPlugin
{
    /// <summary>The entity's state parsed to its type; null/default when unknown, unavailable or missing.</summary>
    /// <typeparam name="TState">The entity's state type.</typeparam>
    /// <param name="entity">The entity.</param>
    /// <returns>The parsed state.</returns>
    TState GetState<TState>(EntityId<TState> entity);

    /// <summary>The entity's full state.</summary>
    /// <param name="entity">The entity.</param>
    /// <returns>The state.</returns>
    /// <exception cref="UnknownEntityException">Home Assistant has no such entity.</exception>
    EntityState GetFullState(EntityId entity);

    /// <summary>The entity's full state, or null when Home Assistant has no such entity.</summary>
    /// <param name="entityId">The entity id text.</param>
    /// <returns>The state or null.</returns>
    EntityState? TryGetFullState(string entityId);

    /// <summary>Every entity's state.</summary>
    /// <returns>A snapshot of the cache.</returns>
    IReadOnlyCollection<EntityState> GetAllEntities();

    /// <summary>Every entity id.</summary>
    /// <returns>A snapshot of the ids.</returns>
    IReadOnlyCollection<string> GetAllEntityIds();

    /// <summary>Entities having <paramref name="attribute"/>, optionally with a given value.</summary>
    /// <param name="attribute">The attribute name.</param>
    /// <param name="value">The value to match (compared as JSON), or null for any value.</param>
    /// <returns>The matching entity ids.</returns>
    IReadOnlyList<string> GetEntityIdsByAttribute(string attribute, object? value = null);

    /// <summary>
    /// Calls a service. By default a failure is logged and returned in the result; with <paramref name="throwOnError"/>,
    /// or while the app is initializing, it throws <see cref="HassCommandException"/> (rejected),
    /// <see cref="HassConnectionException"/> (no connection in time, or lost while the call was in flight) or
    /// <see cref="TimeoutException"/> (no answer).
    /// </summary>
    /// <remarks>
    /// Issued while Home Assistant is unreachable or restarting, the call waits for the connection (default 60 s,
    /// <c>HassClientOptions.ConnectionWaitTimeout</c>; per call <see cref="WithConnectionWaitTimeout"/>) and is then sent
    /// once. A call already sent when the connection drops is never re-sent (at most once: Home Assistant may have
    /// executed it); it fails with <see cref="HassConnectionException"/>.
    /// </remarks>
    /// <param name="domain">The service domain, e.g. <c>light</c>.</param>
    /// <param name="service">The service, e.g. <c>turn_on</c>.</param>
    /// <param name="target">What to act on.</param>
    /// <param name="data">Service data: an object or dictionary serialized to JSON (null members are omitted).</param>
    /// <param name="returnResponse">Ask for the service response.</param>
    /// <param name="throwOnError">Throw instead of logging on failure.</param>
    /// <param name="cancellationToken">Cancels waiting for the result.</param>
    /// <returns>The outcome.</returns>
    Task<ServiceCallResult> CallServiceAsync(string domain, string service, ServiceTarget? target = null, object? data = null, bool returnResponse = false, bool throwOnError = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// This API with a different connection wait for its commands (<see cref="CallServiceAsync"/>,
    /// <see cref="FireEventAsync"/>, <see cref="GetServiceDefinitionsAsync"/>, <see cref="SendRawCommandAsync"/>): how long
    /// a command issued while disconnected waits for Home Assistant before failing with
    /// <see cref="HassConnectionException"/>. E.g. <c>await Hass.WithConnectionWaitTimeout(TimeSpan.FromMinutes(10)).CallServiceAsync("light", "turn_off", light);</c>
    /// </summary>
    /// <param name="timeout">The wait; <see cref="TimeSpan.Zero"/> fails at once when disconnected, <see cref="Timeout.InfiniteTimeSpan"/> waits until the app stops.</param>
    /// <returns>A view of this API whose commands use <paramref name="timeout"/>; reads and subscriptions are unchanged.
    /// The default implementation (for test doubles) returns this instance.</returns>
    IHassPlugin WithConnectionWaitTimeout(TimeSpan timeout) => this;

    /// <summary>Fires an event on Home Assistant's bus.</summary>
    /// <param name="eventType">The event type.</param>
    /// <param name="data">Event data, serialized to JSON.</param>
    /// <param name="cancellationToken">Cancels waiting for the result.</param>
    /// <returns>A task that completes when Home Assistant accepted the event.</returns>
    /// <exception cref="HassConnectionException">No connection within the connection wait, or lost while in flight (the event may have fired).</exception>
    Task FireEventAsync(string eventType, object? data = null, CancellationToken cancellationToken = default);

    /// <summary>Home Assistant's service catalogue (<c>get_services</c>).</summary>
    /// <param name="cancellationToken">Cancels waiting for the result.</param>
    /// <returns><c>{domain: {service: definition}}</c>.</returns>
    Task<JsonElement> GetServiceDefinitionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends any WebSocket command and returns its result.</summary>
    /// <param name="type">The command type, e.g. <c>config/area_registry/list</c>.</param>
    /// <param name="arguments">Extra members of the command object, or null.</param>
    /// <param name="cancellationToken">Cancels waiting for the result.</param>
    /// <returns>The command's <c>result</c>.</returns>
    /// <exception cref="HassCommandException">Home Assistant rejected the command.</exception>
    /// <exception cref="HassConnectionException">No connection within the connection wait, or lost while in flight (it may have run).</exception>
    Task<JsonElement> SendRawCommandAsync(string type, object? arguments = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes to a Home Assistant trigger (<c>subscribe_trigger</c>). The subscription belongs to the app: cancel it
    /// with <see cref="ICallbacksPlugin.Cancel"/>, and it is removed automatically before finalize.
    /// </summary>
    /// <param name="trigger">The trigger definition, e.g. <c>new { platform = "state", entity_id = "binary_sensor.door", to = "on" }</c>.</param>
    /// <param name="callback">Receives the trigger variables each time it fires.</param>
    /// <param name="cancellationToken">Cancels the subscription request.</param>
    /// <param name="name">A name for logs and statistics.</param>
    /// <returns>The subscription's id.</returns>
    Task<CallbackId> ListenTriggerAsync(object trigger, Func<JsonElement, CancellationToken, Task> callback, CancellationToken cancellationToken = default, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null);

    /// <summary>
    /// State changes of an entity as an observable, delivered on the app's queue. Owned by the app: completed before
    /// finalize, so nothing keeps an unloaded plugin alive.
    /// </summary>
    /// <typeparam name="TState">The entity's state type.</typeparam>
    /// <param name="entity">The entity.</param>
    /// <returns>Changes whose state text changed.</returns>
    IObservable<StateChange<TState>> StateChanges<TState>(EntityId<TState> entity);

    /// <summary>Events of one type as an observable, owned by the app like <see cref="StateChanges{TState}"/>.</summary>
    /// <param name="eventType">The event type.</param>
    /// <returns>The events.</returns>
    IObservable<HassEvent> Events(string eventType);
}
