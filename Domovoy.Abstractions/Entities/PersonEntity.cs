namespace Domovoy.Abstractions;

/// <summary>A person; its state is <c>home</c>, <c>not_home</c> or a zone name.</summary>
/// <param name="entityId">The entity id; must start with <c>person.</c>.</param>
public sealed class PersonEntity(string entityId) : EntityId<string?>(entityId, "person")
{
    /// <inheritdoc />
    protected override string? Parse(EntityState state) => state.State;
}
