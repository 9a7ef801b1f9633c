using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Domovoy.Simulator.Events;

namespace Domovoy.Simulator.States;

/// <summary>
/// core.StateMachine: writes follow async_set_internal's timestamp rules and fire state_changed (or only
/// state_reported when nothing changed). Not thread-safe: callers hold <see cref="SimulatorCore.Gate"/>.
/// </summary>
internal sealed partial class StateMachine(SimulatorCore core)
{
    private const int MaxStateLength = 255;
    private readonly Dictionary<string, EntityState> _states = new(StringComparer.Ordinal);

    public IReadOnlyCollection<EntityState> All => _states.Values;

    public EntityState? Get(string entityId) => _states.GetValueOrDefault(entityId.ToLowerInvariant());

    public static bool IsValidEntityId(string entityId) => EntityIdPattern().IsMatch(entityId);

    /// <summary>Writes a state; returns the new state, or null when it only bumped last_reported.</summary>
    public EntityState? Set(string entityId, string state, JsonObject? attributes, HaContext? context = null, bool forceUpdate = false)
    {
        entityId = entityId.ToLowerInvariant();
        if (!IsValidEntityId(entityId))
        {
            throw new ArgumentException($"Invalid entity ID {entityId}", nameof(entityId));
        }

        if (state.Length > MaxStateLength)
        {
            throw new InvalidStateException($"Invalid state with length {state.Length}. State max length is {MaxStateLength} characters.");
        }

        attributes = attributes is null ? [] : Json.HaJson.Normalize(attributes);
        var now = core.Now();
        var old = Get(entityId);
        var sameState = old is not null && old.State == state && !forceUpdate;
        if (old is not null && sameState && JsonNode.DeepEquals(old.Attributes, attributes))
        {
            _states[entityId] = old.WithLastReported(now);
            core.Bus.Fire(new HaEvent(
                EventBus.StateReported,
                new JsonObject
                {
                    ["entity_id"] = entityId,
                    ["old_last_reported"] = Json.HaJson.IsoFormat(old.LastReported),
                    ["new_state"] = _states[entityId].ToJson(),
                },
                "LOCAL",
                now,
                context ?? core.NewContext()));
            return null;
        }

        context ??= core.NewContext();
        var lastChanged = sameState ? old!.LastChanged : now;
        var created = new EntityState(entityId, state, attributes, lastChanged, now, now, context);
        _states[entityId] = created;
        FireStateChanged(entityId, old, created, context, now);
        return created;
    }

    public bool Remove(string entityId, HaContext? context = null)
    {
        entityId = entityId.ToLowerInvariant();
        if (!_states.Remove(entityId, out var old))
        {
            return false;
        }

        FireStateChanged(entityId, old, null, context ?? core.NewContext(), core.Now());
        return true;
    }

    private void FireStateChanged(string entityId, EntityState? old, EntityState? created, HaContext context, DateTimeOffset now)
    {
        var data = new JsonObject
        {
            ["entity_id"] = entityId,
            ["old_state"] = old?.ToJson(),
            ["new_state"] = created?.ToJson(),
        };
        core.Bus.Fire(new HaEvent(EventBus.StateChanged, data, "LOCAL", now, context) { OldState = old, NewState = created });
    }

    // core.valid_entity_id
    [GeneratedRegex(@"^(?!.+__)(?!_)[\da-z_]+(?<!_)\.(?!_)[\da-z_]+(?<!_)$")]
    private static partial Regex EntityIdPattern();
}
