namespace Domovoy.Abstractions;

/// <summary>A switch; its state parses to true (on), false (off) or null.</summary>
/// <param name="entityId">The entity id; must start with <c>switch.</c>.</param>
public sealed class SwitchEntity(string entityId) : EntityId<bool?>(entityId, "switch")
{
    /// <inheritdoc />
    protected override bool? Parse(EntityState state) => StateParsers.OnOff(state.State);
}
