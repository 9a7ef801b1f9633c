using System.Text.Json.Nodes;
using Domovoy.Simulator.Json;
using Domovoy.Simulator.States;

namespace Domovoy.Simulator.WebSockets;

/// <summary>subscribe_entities diff events (websocket_api/messages.py _state_diff_event / _state_diff).</summary>
internal static class EntityDiff
{
    public static JsonObject For(EntityState? oldState, EntityState? newState)
    {
        if (newState is null)
        {
            return new JsonObject { ["r"] = new JsonArray(oldState!.EntityId) };
        }

        if (oldState is null)
        {
            return new JsonObject { ["a"] = new JsonObject { [newState.EntityId] = newState.ToCompressed() } };
        }

        var additions = new JsonObject();
        var diff = new JsonObject { ["+"] = additions };
        if (oldState.State != newState.State)
        {
            additions["s"] = newState.State;
        }

        if (oldState.LastChanged != newState.LastChanged)
        {
            additions["lc"] = HaJson.Float(HaJson.EpochSeconds(newState.LastChanged));
        }
        else if (oldState.LastUpdated != newState.LastUpdated)
        {
            additions["lu"] = HaJson.Float(HaJson.EpochSeconds(newState.LastUpdated));
        }

        var oldContext = oldState.Context;
        var newContext = newState.Context;
        JsonObject? contextChanges = null;
        if (oldContext.ParentId != newContext.ParentId)
        {
            contextChanges = new JsonObject { ["parent_id"] = newContext.ParentId };
        }

        if (oldContext.UserId != newContext.UserId)
        {
            contextChanges ??= [];
            contextChanges["user_id"] = newContext.UserId;
        }

        if (contextChanges is not null)
        {
            if (oldContext.Id != newContext.Id)
            {
                contextChanges["id"] = newContext.Id;
            }

            additions["c"] = contextChanges;
        }
        else if (oldContext.Id != newContext.Id)
        {
            additions["c"] = newContext.Id;
        }

        if (!JsonNode.DeepEquals(oldState.Attributes, newState.Attributes))
        {
            var added = new JsonObject();
            foreach (var (key, value) in newState.Attributes)
            {
                if (!oldState.Attributes.TryGetPropertyValue(key, out var previous) || !JsonNode.DeepEquals(previous, value))
                {
                    added[key] = value?.DeepClone();
                }
            }

            if (added.Count > 0)
            {
                additions["a"] = added;
            }

            var removed = oldState.Attributes.Select(p => p.Key).Where(k => !newState.Attributes.ContainsKey(k)).ToArray();
            if (removed.Length > 0)
            {
                diff["-"] = new JsonObject { ["a"] = new JsonArray(removed.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()) };
            }
        }

        return new JsonObject { ["c"] = new JsonObject { [newState.EntityId] = diff } };
    }
}
