namespace Domovoy.Abstractions;

/// <summary>A select entity; its state is the selected option.</summary>
/// <param name="entityId">The entity id; must start with <c>select.</c>.</param>
public sealed class SelectEntity(string entityId) : EntityId<string?>(entityId, "select")
{
    /// <inheritdoc />
    protected override string? Parse(EntityState state) => state.State;
}
