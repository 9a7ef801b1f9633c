using System.Text.Json;

namespace Domovoy.Core.HomeAssistant.Snapshot;

/// <summary>One field of a service; <paramref name="Example"/> is JSON text and <paramref name="Selector"/> HA's selector verbatim.</summary>
internal sealed record SnapshotField(string Name, string? Description, bool Required, string? Example, JsonElement? Selector);
