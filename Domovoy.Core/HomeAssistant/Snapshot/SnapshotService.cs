namespace Domovoy.Core.HomeAssistant.Snapshot;

/// <summary>One service of a <see cref="HassSnapshot"/>.</summary>
/// <param name="TargetDomains">Null when the service takes no target; empty for any entity; else the entity domains, sorted.</param>
/// <param name="Response">none, optional or only.</param>
internal sealed record SnapshotService(
    string Domain,
    string Service,
    string? Name,
    string? Description,
    IReadOnlyList<string>? TargetDomains,
    string Response,
    IReadOnlyList<SnapshotField> Fields);
