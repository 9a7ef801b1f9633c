using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;

namespace Domovoy.Core.Apps.Plugins;

internal sealed partial class CallbacksPlugin
{
    private IHassEventSource Source => _source ?? throw new InvalidOperationException(
        $"App '{_runtime.AppName}' registered a Home Assistant listener, but this host has no Home Assistant connection configured.");

    public CallbackId ListenState<TState>(EntityId<TState> entity, Func<StateChange<TState>, CancellationToken, Task> callback, StateListenOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(callback);
        var source = Source;
        options ??= new StateListenOptions();
        var registration = _runtime.Register(CallbackKind.State, name, entity.Value, reg => source.SubscribeEntity(entity.Value, (oldState, newState) =>
        {
            if (string.Equals(oldState?.State, newState?.State, StringComparison.Ordinal))
            {
                return;
            }

            Deliver(reg, options.OneShot, ct => callback(new StateChange<TState>(entity, entity.ParseState(oldState), entity.ParseState(newState), oldState, newState), ct));
        }));

        if (options.Immediate)
        {
            var current = source.GetState(entity.Value);
            Deliver(registration, options.OneShot, ct => callback(new StateChange<TState>(entity, default!, entity.ParseState(current), null, current), ct));
        }

        return registration.Id;
    }

    public CallbackId ListenAttribute(EntityId entity, string attribute, Func<AttributeChange, CancellationToken, Task> callback, StateListenOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentException.ThrowIfNullOrWhiteSpace(attribute);
        ArgumentNullException.ThrowIfNull(callback);
        var source = Source;
        options ??= new StateListenOptions();
        var all = string.Equals(attribute, "all", StringComparison.Ordinal);
        var registration = _runtime.Register(CallbackKind.Attribute, name, $"{entity.Value}[{attribute}]", reg => source.SubscribeEntity(entity.Value, (oldState, newState) =>
        {
            var oldValue = Attribute(oldState, attribute);
            var newValue = Attribute(newState, attribute);
            if (!all && JsonEquals(oldValue, newValue))
            {
                return;
            }

            Deliver(reg, options.OneShot, ct => callback(new AttributeChange(entity.Value, attribute, oldValue, newValue, oldState, newState), ct));
        }));

        if (options.Immediate)
        {
            var current = source.GetState(entity.Value);
            Deliver(registration, options.OneShot, ct => callback(new AttributeChange(entity.Value, attribute, null, Attribute(current, attribute), null, current), ct));
        }

        return registration.Id;
    }

    public CallbackId ListenEvent(IReadOnlyCollection<string> eventTypes, Func<HassEvent, CancellationToken, Task> callback, EventListenOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        ArgumentNullException.ThrowIfNull(callback);
        if (eventTypes.Count == 0)
        {
            throw new ArgumentException("ListenEvent needs at least one event type.", nameof(eventTypes));
        }

        var source = Source;
        var oneShot = options?.OneShot ?? false;
        var registration = _runtime.Register(CallbackKind.Event, name, string.Join(", ", eventTypes), reg => source.SubscribeEvents(eventTypes, e =>
            Deliver(reg, oneShot, ct => callback(e, ct))));
        return registration.Id;
    }

    private void Deliver(CallbackRegistration registration, bool oneShot, Func<CancellationToken, Task> work)
    {
        if (oneShot)
        {
            // Deactivate before queueing so a burst of changes delivers exactly one call.
            if (!registration.Deactivate())
            {
                return;
            }

            _runtime.Dispatcher.PostUnchecked(registration, work);
            return;
        }

        _runtime.Post(registration, work);
    }

    private static JsonElement? Attribute(EntityState? state, string attribute)
        => state is not null && state.Attributes.TryGetValue(attribute, out var value) ? value : null;

    private static bool JsonEquals(JsonElement? a, JsonElement? b)
        => a is null ? b is null : b is not null && JsonElement.DeepEquals(a.Value, b.Value);
}
