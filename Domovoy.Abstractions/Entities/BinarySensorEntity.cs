namespace Domovoy.Abstractions;

/// <summary>A binary sensor; its state parses to true (on), false (off) or null.</summary>
/// <param name="entityId">The entity id; must start with <c>binary_sensor.</c>.</param>
public sealed class BinarySensorEntity(string entityId) : EntityId<bool?>(entityId, "binary_sensor")
{
    /// <inheritdoc />
    protected override bool? Parse(EntityState state) => StateParsers.OnOff(state.State);
}
