namespace Domovoy.Abstractions;

/// <summary>
/// A sensor whose state parses to <typeparamref name="T"/> with the invariant culture: <c>SensorEntity&lt;double&gt;</c>
/// for measurements, <c>SensorEntity&lt;DateTimeOffset&gt;</c> for timestamp sensors. Use <see cref="TextSensorEntity"/> for text.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="entityId">The entity id; must start with <c>sensor.</c>.</param>
public sealed class SensorEntity<T>(string entityId) : EntityId<T?>(entityId, "sensor")
    where T : struct, IParsable<T>
{
    /// <inheritdoc />
    protected override T? Parse(EntityState state) => StateParsers.Parsable<T>(state.State);
}
