namespace Domovoy.Abstractions;

/// <summary>A climate device; its state parses to its HVAC mode.</summary>
/// <param name="entityId">The entity id; must start with <c>climate.</c>.</param>
public sealed class ClimateEntity(string entityId) : EntityId<HvacMode?>(entityId, "climate")
{
    /// <inheritdoc />
    protected override HvacMode? Parse(EntityState state) => StateParsers.Enum<HvacMode>(state.State);
}
