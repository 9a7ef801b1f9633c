namespace Domovoy.Abstractions;

/// <summary>An input_boolean helper; its state parses to true (on), false (off) or null.</summary>
/// <param name="entityId">The entity id; must start with <c>input_boolean.</c>.</param>
public sealed class InputBooleanEntity(string entityId) : EntityId<bool?>(entityId, "input_boolean")
{
    /// <inheritdoc />
    protected override bool? Parse(EntityState state) => StateParsers.OnOff(state.State);
}
