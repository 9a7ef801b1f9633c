namespace Domovoy.Abstractions;

/// <summary>A light; its state parses to true (on), false (off) or null.</summary>
/// <param name="entityId">The entity id; must start with <c>light.</c>.</param>
public sealed class LightEntity(string entityId) : EntityId<bool?>(entityId, "light")
{
    /// <inheritdoc />
    protected override bool? Parse(EntityState state) => StateParsers.OnOff(state.State);
}
