namespace Domovoy.Abstractions;

/// <summary>A device tracker; its state is <c>home</c>, <c>not_home</c> or a zone name.</summary>
/// <param name="entityId">The entity id; must start with <c>device_tracker.</c>.</param>
public sealed class DeviceTrackerEntity(string entityId) : EntityId<string?>(entityId, "device_tracker")
{
    /// <inheritdoc />
    protected override string? Parse(EntityState state) => state.State;
}
