namespace Domovoy.Abstractions;

/// <summary>An input_select helper; its state is the selected option.</summary>
/// <param name="entityId">The entity id; must start with <c>input_select.</c>.</param>
public sealed class InputSelectEntity(string entityId) : EntityId<string?>(entityId, "input_select")
{
    /// <inheritdoc />
    protected override string? Parse(EntityState state) => state.State;
}
