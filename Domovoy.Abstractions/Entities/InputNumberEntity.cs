namespace Domovoy.Abstractions;

/// <summary>An input_number helper; its state parses to a number.</summary>
/// <param name="entityId">The entity id; must start with <c>input_number.</c>.</param>
public sealed class InputNumberEntity(string entityId) : EntityId<double?>(entityId, "input_number")
{
    /// <inheritdoc />
    protected override double? Parse(EntityState state) => StateParsers.Number(state.State);
}
