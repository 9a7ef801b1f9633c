namespace Domovoy.Abstractions;

/// <summary>A change of one entity's state, with the state parsed to the entity's type.</summary>
/// <typeparam name="TState">The parsed state type of the entity, e.g. <c>bool?</c> for lights.</typeparam>
/// <param name="Entity">The entity that changed.</param>
/// <param name="Old">The parsed previous state (default when the entity is new).</param>
/// <param name="New">The parsed new state (default when the entity was removed).</param>
/// <param name="OldState">The full previous state, null when the entity is new.</param>
/// <param name="NewState">The full new state, null when the entity was removed.</param>
public sealed record StateChange<TState>(
    EntityId<TState> Entity,
    TState Old,
    TState New,
    EntityState? OldState,
    EntityState? NewState);
