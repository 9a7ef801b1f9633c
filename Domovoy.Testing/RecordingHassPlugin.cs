using System.Text.Json;
using Domovoy.Abstractions;

namespace Domovoy.Testing;

/// <summary>An app's real Hass API; service calls are recorded (with the app's name) before they are sent.</summary>
internal sealed class RecordingHassPlugin(IHassPlugin inner, string app, ServiceCallRecorder recorder) : IHassPlugin
{
    public TState GetState<TState>(EntityId<TState> entity) => inner.GetState(entity);

    public EntityState GetFullState(EntityId entity) => inner.GetFullState(entity);

    public EntityState? TryGetFullState(string entityId) => inner.TryGetFullState(entityId);

    public IReadOnlyCollection<EntityState> GetAllEntities() => inner.GetAllEntities();

    public IReadOnlyCollection<string> GetAllEntityIds() => inner.GetAllEntityIds();

    public IReadOnlyList<string> GetEntityIdsByAttribute(string attribute, object? value = null) => inner.GetEntityIdsByAttribute(attribute, value);

    public Task<ServiceCallResult> CallServiceAsync(string domain, string service, ServiceTarget? target = null, object? data = null, bool returnResponse = false, bool throwOnError = false, CancellationToken cancellationToken = default)
    {
        recorder.Record(app, domain, service, target, data);
        return inner.CallServiceAsync(domain, service, target, data, returnResponse, throwOnError, cancellationToken);
    }

    public IHassPlugin WithConnectionWaitTimeout(TimeSpan timeout) => new RecordingHassPlugin(inner.WithConnectionWaitTimeout(timeout), app, recorder);

    public Task FireEventAsync(string eventType, object? data = null, CancellationToken cancellationToken = default) => inner.FireEventAsync(eventType, data, cancellationToken);

    public Task<JsonElement> GetServiceDefinitionsAsync(CancellationToken cancellationToken = default) => inner.GetServiceDefinitionsAsync(cancellationToken);

    public Task<JsonElement> SendRawCommandAsync(string type, object? arguments = null, CancellationToken cancellationToken = default) => inner.SendRawCommandAsync(type, arguments, cancellationToken);

    public Task<CallbackId> ListenTriggerAsync(object trigger, Func<JsonElement, CancellationToken, Task> callback, CancellationToken cancellationToken = default, string? name = null)
        => inner.ListenTriggerAsync(trigger, callback, cancellationToken, name);

    public IObservable<StateChange<TState>> StateChanges<TState>(EntityId<TState> entity) => inner.StateChanges(entity);

    public IObservable<HassEvent> Events(string eventType) => inner.Events(eventType);
}
