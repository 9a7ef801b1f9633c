using System.Text.Json;
using Domovoy.Abstractions;

namespace Domovoy.Generators.Tests.Infrastructure;

/// <summary>An <see cref="IHassPlugin"/> that records service calls as the JSON the real client would send (the generated
/// methods' only dependency); everything else is not used by generated code and throws.</summary>
internal sealed class RecordingHass : IHassPlugin
{
    public List<(string Domain, string Service, ServiceTarget? Target, string Data, bool ReturnResponse)> Calls { get; } = [];

    public Task<ServiceCallResult> CallServiceAsync(string domain, string service, ServiceTarget? target = null, object? data = null, bool returnResponse = false, bool throwOnError = false, CancellationToken cancellationToken = default)
    {
        Calls.Add((domain, service, target, JsonSerializer.Serialize(data), returnResponse));
        return Task.FromResult(new ServiceCallResult(true, null, null, null));
    }

    public EntityState GetFullState(EntityId entity)
        => new(entity.Value, "on", new Dictionary<string, JsonElement> { ["brightness"] = JsonSerializer.SerializeToElement(128), ["color_mode"] = JsonSerializer.SerializeToElement("hs") }, default, default, null, null);

    public TState GetState<TState>(EntityId<TState> entity) => throw new NotSupportedException();

    public EntityState? TryGetFullState(string entityId) => throw new NotSupportedException();

    public IReadOnlyCollection<EntityState> GetAllEntities() => throw new NotSupportedException();

    public IReadOnlyCollection<string> GetAllEntityIds() => throw new NotSupportedException();

    public IReadOnlyList<string> GetEntityIdsByAttribute(string attribute, object? value = null) => throw new NotSupportedException();

    public Task FireEventAsync(string eventType, object? data = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonElement> GetServiceDefinitionsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonElement> SendRawCommandAsync(string type, object? arguments = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<CallbackId> ListenTriggerAsync(object trigger, Func<JsonElement, CancellationToken, Task> callback, CancellationToken cancellationToken = default, string? name = null) => throw new NotSupportedException();

    public IObservable<StateChange<TState>> StateChanges<TState>(EntityId<TState> entity) => throw new NotSupportedException();

    public IObservable<HassEvent> Events(string eventType) => throw new NotSupportedException();
}
