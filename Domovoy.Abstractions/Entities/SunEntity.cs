namespace Domovoy.Abstractions;

/// <summary>The sun; its state parses to above or below the horizon.</summary>
/// <param name="entityId">The entity id; must start with <c>sun.</c>.</param>
public sealed class SunEntity(string entityId) : EntityId<SunState?>(entityId, "sun")
{
    /// <inheritdoc />
    protected override SunState? Parse(EntityState state) => StateParsers.Enum<SunState>(state.State);
}
