namespace Domovoy.Abstractions;

/// <summary>A cover; its state parses to open, closed, opening or closing.</summary>
/// <param name="entityId">The entity id; must start with <c>cover.</c>.</param>
public sealed class CoverEntity(string entityId) : EntityId<CoverState?>(entityId, "cover")
{
    /// <inheritdoc />
    protected override CoverState? Parse(EntityState state) => StateParsers.Enum<CoverState>(state.State);
}
