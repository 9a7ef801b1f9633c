namespace Domovoy.Abstractions;

/// <summary>An input_text helper; its state is the text.</summary>
/// <param name="entityId">The entity id; must start with <c>input_text.</c>.</param>
public sealed class InputTextEntity(string entityId) : EntityId<string?>(entityId, "input_text")
{
    /// <inheritdoc />
    protected override string? Parse(EntityState state) => state.State;
}
