namespace Domovoy.Core.HomeAssistant.Snapshot;

/// <summary>An area or a label: its registry id and display name.</summary>
internal sealed record SnapshotNamedItem(string Id, string Name);
