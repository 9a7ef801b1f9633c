namespace Domovoy.Core.HomeAssistant.Snapshot;

/// <summary>
/// What <c>domovoy codegen</c> records of a Home Assistant instance: the model the source generator turns into typed
/// entities and services. Format: docs/hass-snapshot.md; every list is sorted so two snapshots of the same home are equal.
/// </summary>
/// <param name="HomeAssistantVersion">HA's version from the auth handshake, or an empty string when unknown.</param>
/// <param name="Areas">Areas sorted by id.</param>
/// <param name="Labels">Labels sorted by id.</param>
/// <param name="Entities">Entities sorted by entity id.</param>
/// <param name="Services">Services sorted by domain, then service.</param>
internal sealed record HassSnapshot(
    string HomeAssistantVersion,
    IReadOnlyList<SnapshotNamedItem> Areas,
    IReadOnlyList<SnapshotNamedItem> Labels,
    IReadOnlyList<SnapshotEntity> Entities,
    IReadOnlyList<SnapshotService> Services)
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int Schema = 1;

    /// <summary>The file name the generator looks for among a project's AdditionalFiles.</summary>
    public const string FileName = "hass.snapshot.json";
}
