namespace Domovoy.Abstractions;

/// <summary>An automation; its state parses to true (enabled), false (disabled) or null.</summary>
/// <param name="entityId">The entity id; must start with <c>automation.</c>.</param>
public sealed class AutomationEntity(string entityId) : EntityId<bool?>(entityId, "automation")
{
    /// <inheritdoc />
    protected override bool? Parse(EntityState state) => StateParsers.OnOff(state.State);
}
