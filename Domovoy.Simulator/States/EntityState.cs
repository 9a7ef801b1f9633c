using System.Text.Json.Nodes;
using Domovoy.Simulator.Json;

namespace Domovoy.Simulator.States;

/// <summary>An immutable state object, as core's State. Attributes are never mutated after construction.</summary>
internal sealed class EntityState(
    string entityId,
    string state,
    JsonObject attributes,
    DateTimeOffset lastChanged,
    DateTimeOffset lastUpdated,
    DateTimeOffset lastReported,
    HaContext context)
{
    public string EntityId { get; } = entityId;

    public string Domain => EntityId[..EntityId.IndexOf('.', StringComparison.Ordinal)];

    public string State { get; } = state;

    public JsonObject Attributes { get; } = attributes;

    public DateTimeOffset LastChanged { get; } = lastChanged;

    public DateTimeOffset LastUpdated { get; } = lastUpdated;

    public DateTimeOffset LastReported { get; } = lastReported;

    public HaContext Context { get; } = context;

    public EntityState WithLastReported(DateTimeOffset reported) =>
        new(EntityId, State, Attributes, LastChanged, LastUpdated, reported, Context);

    /// <summary>State.as_dict(): the full form used by get_states, events and REST.</summary>
    public JsonObject ToJson() => new()
    {
        ["entity_id"] = EntityId,
        ["state"] = State,
        ["attributes"] = Attributes.DeepClone(),
        ["last_changed"] = HaJson.IsoFormat(LastChanged),
        ["last_reported"] = HaJson.IsoFormat(LastReported),
        ["last_updated"] = HaJson.IsoFormat(LastUpdated),
        ["context"] = Context.ToJson(),
    };

    /// <summary>State.as_compressed_state: the subscribe_entities form.</summary>
    public JsonObject ToCompressed()
    {
        var compressed = new JsonObject
        {
            ["s"] = State,
            ["a"] = Attributes.DeepClone(),
            ["c"] = CompressedContext(Context),
            ["lc"] = HaJson.Float(HaJson.EpochSeconds(LastChanged)),
        };
        if (LastChanged != LastUpdated)
        {
            compressed["lu"] = HaJson.Float(HaJson.EpochSeconds(LastUpdated));
        }

        return compressed;
    }

    public static JsonNode CompressedContext(HaContext context) =>
        context.ParentId is null && context.UserId is null ? JsonValue.Create(context.Id) : context.ToJson();
}
