namespace Domovoy.Abstractions;

/// <summary>A sensor whose state is read as text (e.g. an enum sensor).</summary>
/// <param name="entityId">The entity id; must start with <c>sensor.</c>.</param>
public sealed class TextSensorEntity(string entityId) : EntityId<string?>(entityId, "sensor")
{
    /// <inheritdoc />
    protected override string? Parse(EntityState state) => state.State;
}
