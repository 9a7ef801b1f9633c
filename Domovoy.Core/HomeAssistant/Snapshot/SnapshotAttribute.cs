namespace Domovoy.Core.HomeAssistant.Snapshot;

/// <summary>An attribute observed on an entity and its JSON type (string, number, boolean, array, object, null).</summary>
internal sealed record SnapshotAttribute(string Name, string Type);
