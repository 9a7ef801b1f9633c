namespace Domovoy.Core.HomeAssistant.Snapshot;

/// <summary>One entity of a <see cref="HassSnapshot"/> (fields as in docs/hass-snapshot.md; optional ones are null).</summary>
internal sealed record SnapshotEntity(
    string EntityId,
    string Domain,
    string? FriendlyName,
    string State,
    string StateKind,
    string? UnitOfMeasurement,
    string? DeviceClass,
    string? StateClass,
    IReadOnlyList<string>? Options,
    string? Area,
    string? Device,
    IReadOnlyList<string>? Labels,
    IReadOnlyList<SnapshotAttribute> Attributes);
