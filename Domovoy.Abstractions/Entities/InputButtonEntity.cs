namespace Domovoy.Abstractions;

/// <summary>An input_button helper; its state parses to the time of the last press.</summary>
/// <param name="entityId">The entity id; must start with <c>input_button.</c>.</param>
public sealed class InputButtonEntity(string entityId) : EntityId<DateTimeOffset?>(entityId, "input_button")
{
    /// <inheritdoc />
    protected override DateTimeOffset? Parse(EntityState state) => StateParsers.Timestamp(state.State);
}
