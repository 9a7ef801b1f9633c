using System.Text.Json.Nodes;
using Domovoy.Abstractions;

namespace Domovoy.Core.ServEnts;

/// <summary>The shared part of every ServEnts handle: finding the entity by its servent_id attribute, and updates.</summary>
internal abstract class ServEntHandle(IServEntBackend backend, string id, string serventId, string entityType, ServEntDevice device) : IServEntEntity
{
    private string? _entityId;

    public string Id { get; } = id;

    public string ServEntId { get; } = serventId;

    public string EntityType { get; } = entityType;

    public ServEntDevice Device { get; } = device;

    protected IServEntBackend Backend { get; } = backend;

    public string? TryGetEntityId()
    {
        var known = Volatile.Read(ref _entityId);
        if (known is not null)
        {
            return known;
        }

        var found = Backend.FindEntityId(ServEntId);
        if (found is not null)
        {
            Volatile.Write(ref _entityId, found);
        }

        return found;
    }

    public string GetEntityId() => TryGetEntityId() ?? throw new ServEntException(
        $"The ServEnts entity '{ServEntId}' does not exist in Home Assistant yet: no entity has the attribute servent_id={ServEntId}. Create it first (and enable it if it is disabled by default).");

    public EntityState GetFullState() => Backend.GetState(GetEntityId()) ?? throw new ServEntException(
        $"The ServEnts entity '{ServEntId}' ({GetEntityId()}) has no state in Home Assistant.");

    public string GetRawState() => TryGetEntityId() is { } entityId && Backend.GetState(entityId) is { } state ? state.State : "unknown";

    public Task SetAttributesAsync(IReadOnlyDictionary<string, object?> attributes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return Backend.UpdateStateAsync(ServEntId, false, null, attributes, cancellationToken);
    }

    internal void Remember(string entityId) => Volatile.Write(ref _entityId, entityId);

    protected EntityState? TryGetState() => TryGetEntityId() is { } entityId ? Backend.GetState(entityId) : null;

    protected Task UpdateAsync(JsonNode? state, IReadOnlyDictionary<string, object?>? attributes, CancellationToken cancellationToken)
        => Backend.UpdateStateAsync(ServEntId, true, state, attributes, cancellationToken);
}
