namespace Domovoy.Abstractions;

/// <summary>A number entity; its state parses to a number.</summary>
/// <param name="entityId">The entity id; must start with <c>number.</c>.</param>
public sealed class NumberEntity(string entityId) : EntityId<double?>(entityId, "number")
{
    /// <inheritdoc />
    protected override double? Parse(EntityState state) => StateParsers.Number(state.State);
}
