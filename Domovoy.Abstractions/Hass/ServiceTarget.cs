namespace Domovoy.Abstractions;

/// <summary>The target of a service call: entities, devices, areas, floors or labels.</summary>
public sealed record ServiceTarget
{
    /// <summary>Entity ids to target.</summary>
    public IReadOnlyList<string>? EntityIds { get; init; }

    /// <summary>Device ids to target.</summary>
    public IReadOnlyList<string>? DeviceIds { get; init; }

    /// <summary>Area ids to target.</summary>
    public IReadOnlyList<string>? AreaIds { get; init; }

    /// <summary>Floor ids to target.</summary>
    public IReadOnlyList<string>? FloorIds { get; init; }

    /// <summary>Label ids to target.</summary>
    public IReadOnlyList<string>? LabelIds { get; init; }

    /// <summary>Targets the given entities.</summary>
    /// <param name="entities">The entities.</param>
    /// <returns>The target.</returns>
    public static ServiceTarget Entities(params IEnumerable<EntityId> entities) => new() { EntityIds = entities.Select(e => e.Value).ToArray() };

    /// <summary>Targets one entity.</summary>
    /// <param name="entity">The entity.</param>
    public static implicit operator ServiceTarget(EntityId entity) => Entities(entity);
}
