namespace Domovoy.Abstractions;

/// <summary>An entity of any domain; its state is the raw text.</summary>
/// <param name="entityId">The entity id.</param>
public sealed class Entity(string entityId) : EntityId<string?>(entityId, null)
{
    /// <inheritdoc />
    protected override string? Parse(EntityState state) => state.State;
}
