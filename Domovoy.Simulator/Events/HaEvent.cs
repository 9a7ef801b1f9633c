using System.Text.Json.Nodes;
using Domovoy.Simulator.Json;
using Domovoy.Simulator.States;

namespace Domovoy.Simulator.Events;

/// <summary>An event on the bus; <see cref="Data"/> is owned by the event and must not be mutated by listeners.</summary>
internal sealed record HaEvent(string EventType, JsonObject Data, string Origin, DateTimeOffset TimeFired, HaContext Context)
{
    /// <summary>Set only for state_changed, so listeners need not re-parse <see cref="Data"/>.</summary>
    public EntityState? OldState { get; init; }

    /// <summary>Set only for state_changed.</summary>
    public EntityState? NewState { get; init; }

    /// <summary>Event._as_dict.</summary>
    public JsonObject ToJson() => new()
    {
        ["event_type"] = EventType,
        ["data"] = Data.DeepClone(),
        ["origin"] = Origin,
        ["time_fired"] = HaJson.IsoFormat(TimeFired),
        ["context"] = Context.ToJson(),
    };
}
