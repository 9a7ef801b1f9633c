namespace Domovoy.Abstractions;

/// <summary>A fan; its state parses to true (on), false (off) or null.</summary>
/// <param name="entityId">The entity id; must start with <c>fan.</c>.</param>
public sealed class FanEntity(string entityId) : EntityId<bool?>(entityId, "fan")
{
    /// <inheritdoc />
    protected override bool? Parse(EntityState state) => StateParsers.OnOff(state.State);
}
