using System.Text.Json.Nodes;
using Domovoy.Simulator.Events;
using Domovoy.Simulator.Json;
using Domovoy.Simulator.States;

namespace Domovoy.Simulator.WebSockets;

/// <summary>The "state" trigger platform (entity_id, from, to) for subscribe_trigger.</summary>
internal sealed class StateTrigger
{
    private readonly List<string> _entityIds = [];
    private HashSet<string>? _from;
    private HashSet<string>? _to;

    public static StateTrigger Parse(JsonNode? node)
    {
        if (node is JsonArray { Count: 1 } single)
        {
            node = single[0];
        }

        if (node is not JsonObject config)
        {
            throw HaErrorException.InvalidFormat($"expected dict for dictionary value @ data['trigger']. Got {HaJson.PythonRepr(node)}");
        }

        var platform = config["platform"] ?? config["trigger"];
        if (!HaJson.TryGetString(platform, out var name) || name != "state")
        {
            throw HaErrorException.InvalidFormat($"Invalid trigger '{HaJson.PythonStr(platform)}' specified");
        }

        var trigger = new StateTrigger();
        switch (config["entity_id"])
        {
            case JsonValue v when HaJson.TryGetString(v, out var text):
                trigger._entityIds.AddRange(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(e => e.ToLowerInvariant()));
                break;
            case JsonArray list:
                trigger._entityIds.AddRange(list.Select(i => HaJson.PythonStr(i).ToLowerInvariant()));
                break;
            default:
                throw HaErrorException.InvalidFormat("required key not provided @ data['entity_id']. Got None");
        }

        trigger._from = States(config, "from");
        trigger._to = States(config, "to");
        return trigger;
    }

    public IDisposable Attach(SimulatorCore core, JsonObject variables, Action<JsonObject> send) =>
        core.Bus.Listen(EventBus.StateChanged, e =>
        {
            if (e.NewState is not { } to || !_entityIds.Contains(to.EntityId) || !Matches(e.OldState, to))
            {
                return;
            }

            var payload = (JsonObject)variables.DeepClone();
            payload["trigger"] = new JsonObject
            {
                ["id"] = "0",
                ["idx"] = "0",
                ["platform"] = "state",
                ["entity_id"] = to.EntityId,
                ["from_state"] = e.OldState?.ToJson(),
                ["to_state"] = to.ToJson(),
                ["for"] = null,
                ["attribute"] = null,
                ["description"] = $"state of {to.EntityId}",
            };
            send(new JsonObject { ["variables"] = payload, ["context"] = e.Context.ToJson() });
        });

    private bool Matches(EntityState? from, EntityState to)
    {
        if (_from is null && _to is null)
        {
            // Without from/to, attribute-only changes do not trigger (state trigger "match_all").
            return from is null || from.State != to.State;
        }

        if (_from is not null && (from is null || !_from.Contains(from.State)))
        {
            return false;
        }

        if (_to is not null && !_to.Contains(to.State))
        {
            return false;
        }

        // A from/to trigger still needs a state change, not just new attributes.
        return from is null || from.State != to.State;
    }

    private static HashSet<string>? States(JsonObject config, string key) => config[key] switch
    {
        null => null,
        JsonArray list => new HashSet<string>(list.Select(i => HaJson.PythonStr(i)), StringComparer.Ordinal),
        var value => new HashSet<string>([HaJson.PythonStr(value)], StringComparer.Ordinal),
    };
}
