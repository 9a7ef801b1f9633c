namespace Domovoy.Abstractions;

/// <summary>A button; its state parses to the time of the last press.</summary>
/// <param name="entityId">The entity id; must start with <c>button.</c>.</param>
public sealed class ButtonEntity(string entityId) : EntityId<DateTimeOffset?>(entityId, "button")
{
    /// <inheritdoc />
    protected override DateTimeOffset? Parse(EntityState state) => StateParsers.Timestamp(state.State);
}
