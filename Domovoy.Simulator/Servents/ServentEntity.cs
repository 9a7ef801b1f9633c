using System.Text.Json.Nodes;

namespace Domovoy.Simulator.Servents;

/// <summary>One live servents entity: its latest definition, dynamic attributes and (until added) its pending state.</summary>
internal sealed class ServentEntity(string serventId, string entityType, string entityId, JsonObject definition)
{
    public string ServentId { get; } = serventId;

    /// <summary>sensor, binary_sensor, threshold, switch, number, select or button.</summary>
    public string EntityType { get; } = entityType;

    public string EntityId { get; } = entityId;

    /// <summary>The entity dict of the last accepted create_entity call.</summary>
    public JsonObject Definition { get; set; } = definition;

    /// <summary>Attributes pushed with update_state (kept on reconfigure).</summary>
    public JsonObject Dynamic { get; set; } = [];

    /// <summary>The state while the entity is not (yet) in the state machine.</summary>
    public string PendingState { get; set; } = "unknown";

    /// <summary>True once written to the state machine (never for disabled-by-default entities).</summary>
    public bool Added { get; set; }

    /// <summary>The registry entry's disabled_by is set (from disabled_by_default when first registered, later the user's choice).</summary>
    public bool Disabled { get; set; }

    public string DeviceName { get; set; } = string.Empty;

    public IDisposable? SourceListener { get; set; }
}
