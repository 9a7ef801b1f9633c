namespace Domovoy.Abstractions;

/// <summary>A lock; its state parses to its lock state.</summary>
/// <param name="entityId">The entity id; must start with <c>lock.</c>.</param>
public sealed class LockEntity(string entityId) : EntityId<LockState?>(entityId, "lock")
{
    /// <inheritdoc />
    protected override LockState? Parse(EntityState state) => StateParsers.Enum<LockState>(state.State);
}
