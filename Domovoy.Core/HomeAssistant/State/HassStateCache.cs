using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.HomeAssistant.Client;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant.State;

/// <summary>
/// The local copy of Home Assistant's states, kept current from <c>state_changed</c> and re-synchronized after every
/// reconnect. Also the engine's <see cref="IHassEventSource"/>: subscribers are kept per entity and per event type, so
/// a change reaches only the subscribers of that entity or type. Handlers run on the client's reader thread, in order,
/// and must only queue work.
/// </summary>
internal sealed class HassStateCache : IHassEventSource
{
    private const string AllEvents = "*";

    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, EntityState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _touched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action<EntityState?, EntityState?>[]> _entitySubscribers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action<HassEvent>[]> _eventSubscribers = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private long _sequence;
    private long _connections;
    private Action[] _resyncSubscribers = [];

    public HassStateCache(ILogger logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
    }

    public int Count => _states.Count;

    public long Connections => Interlocked.Read(ref _connections);

    public EntityState? GetState(string entityId) => _states.TryGetValue(entityId, out var state) ? state : null;

    public IReadOnlyCollection<EntityState> GetAll() => _states.Values.ToArray();

    public IReadOnlyCollection<string> GetAllIds() => _states.Keys.ToArray();

    public IDisposable SubscribeEntity(string entityId, Action<EntityState?, EntityState?> onChange)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_gate)
        {
            Add(_entitySubscribers, entityId, onChange);
        }

        return new Unsubscriber(() =>
        {
            lock (_gate)
            {
                Remove(_entitySubscribers, entityId, onChange);
            }
        });
    }

    public IDisposable SubscribeEvents(IReadOnlyCollection<string> eventTypes, Action<HassEvent> onEvent)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        ArgumentNullException.ThrowIfNull(onEvent);
        var types = eventTypes.Distinct(StringComparer.Ordinal).ToArray();
        lock (_gate)
        {
            foreach (var type in types)
            {
                Add(_eventSubscribers, type, onEvent);
            }
        }

        return new Unsubscriber(() =>
        {
            lock (_gate)
            {
                foreach (var type in types)
                {
                    Remove(_eventSubscribers, type, onEvent);
                }
            }
        });
    }

    public IDisposable SubscribeResynchronizing(Action onResynchronizing)
    {
        ArgumentNullException.ThrowIfNull(onResynchronizing);
        lock (_gate)
        {
            _resyncSubscribers = [.. _resyncSubscribers, onResynchronizing];
        }

        return new Unsubscriber(() =>
        {
            lock (_gate)
            {
                _resyncSubscribers = _resyncSubscribers.Where(h => h != onResynchronizing).ToArray();
            }
        });
    }

    /// <summary>A new connection to Home Assistant is starting (called before any of its events).</summary>
    public void ConnectionStarting() => Interlocked.Increment(ref _connections);

    /// <summary>
    /// Applies an event from Home Assistant: updates the cache for <c>state_changed</c>, then notifies subscribers.
    /// <see cref="HassEvent.Data"/> may point into the client's frame buffer: it is only read here, and copied for event
    /// subscribers (who may keep it) only when there are any.
    /// </summary>
    public void HandleEvent(HassEvent ev)
    {
        lock (_gate)
        {
            if (ev.EventType == "state_changed" && ev.Data.ValueKind == JsonValueKind.Object)
            {
                // Only new_state matters to the cache (the old one is its own current entry), so old_state is not parsed.
                var entityId = HassJson.GetString(ev.Data, "entity_id") ?? throw new JsonException("state_changed without 'entity_id'.");
                var newState = ev.Data.TryGetProperty("new_state", out var n) && n.ValueKind == JsonValueKind.Object ? HassJson.ParseState(n) : null;
                ApplyLocked(entityId, newState, ++_sequence);
            }

            if (_eventSubscribers.ContainsKey(ev.EventType) || _eventSubscribers.ContainsKey(AllEvents))
            {
                NotifyEventLocked(ev.Data.ValueKind == JsonValueKind.Undefined ? ev : ev with { Data = ev.Data.Clone() });
            }
        }
    }

    /// <summary>Marks the start of a re-fetch; pass the value to <see cref="Reconcile"/>.</summary>
    public long BeginSync()
    {
        lock (_gate)
        {
            return _sequence;
        }
    }

    /// <summary>
    /// Replaces the cache with a fresh <c>get_states</c> snapshot. Re-sync subscribers are told first. Each entity that changed, appeared or disappeared
    /// is delivered to its subscribers as one change (and as one synthesized <c>state_changed</c> event); entities
    /// that events updated after <paramref name="syncStartedAt"/> keep the newer value.
    /// </summary>
    /// <returns>How many entities changed.</returns>
    public int Reconcile(IReadOnlyCollection<EntityState> snapshot, long syncStartedAt)
    {
        var changed = 0;
        lock (_gate)
        {
            foreach (var handler in _resyncSubscribers)
            {
                try
                {
                    handler();
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "A re-sync subscriber threw {ExceptionType}: {Message}", ex.GetType().Name, ex.Message);
                }
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var state in snapshot)
            {
                seen.Add(state.EntityId);
                if (_touched.TryGetValue(state.EntityId, out var touched) && touched > syncStartedAt)
                {
                    continue;
                }

                _states.TryGetValue(state.EntityId, out var cached);
                if (cached is not null && cached.LastUpdated == state.LastUpdated && cached.State == state.State)
                {
                    continue;
                }

                _states[state.EntityId] = state;
                changed++;
                NotifyChangeLocked(cached, state, state.EntityId);
            }

            foreach (var (entityId, cached) in _states.ToArray())
            {
                if (seen.Contains(entityId) || (_touched.TryGetValue(entityId, out var touched) && touched > syncStartedAt))
                {
                    continue;
                }

                _states.TryRemove(entityId, out _);
                changed++;
                NotifyChangeLocked(cached, null, entityId);
            }

            foreach (var entityId in _touched.Where(t => t.Value <= syncStartedAt).Select(t => t.Key).ToArray())
            {
                _touched.Remove(entityId);
            }
        }

        return changed;
    }

    private void ApplyLocked(string entityId, EntityState? newState, long sequence)
    {
        _states.TryGetValue(entityId, out var cached);
        if (newState is null)
        {
            _touched[entityId] = sequence;
            if (cached is null)
            {
                return;
            }

            _states.TryRemove(entityId, out _);
        }
        else
        {
            if (cached is not null && newState.LastUpdated < cached.LastUpdated)
            {
                _logger.LogDebug("Ignoring stale state of {Entity} ({New:o} older than {Cached:o}).", entityId, newState.LastUpdated, cached.LastUpdated);
                return;
            }

            _states[entityId] = newState;
        }

        _touched[entityId] = sequence;
        NotifyEntityLocked(entityId, cached, newState);
    }

    private void NotifyChangeLocked(EntityState? oldState, EntityState? newState, string entityId)
    {
        NotifyEntityLocked(entityId, oldState, newState);
        if (_eventSubscribers.ContainsKey("state_changed") || _eventSubscribers.ContainsKey(AllEvents))
        {
            NotifyEventLocked(SynthesizeStateChanged(entityId, oldState, newState));
        }
    }

    private void NotifyEntityLocked(string entityId, EntityState? oldState, EntityState? newState)
    {
        if (!_entitySubscribers.TryGetValue(entityId, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers)
        {
            try
            {
                handler(oldState, newState);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A state subscriber of {Entity} threw {ExceptionType}: {Message}", entityId, ex.GetType().Name, ex.Message);
            }
        }
    }

    private void NotifyEventLocked(HassEvent ev)
    {
        Invoke(ev.EventType);
        Invoke(AllEvents);

        void Invoke(string key)
        {
            if (!_eventSubscribers.TryGetValue(key, out var handlers))
            {
                return;
            }

            foreach (var handler in handlers)
            {
                try
                {
                    handler(ev);
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "An event subscriber of {EventType} threw {ExceptionType}: {Message}", ev.EventType, ex.GetType().Name, ex.Message);
                }
            }
        }
    }

    private HassEvent SynthesizeStateChanged(string entityId, EntityState? oldState, EntityState? newState)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("entity_id", entityId);
            writer.WritePropertyName("old_state");
            WriteStateOrNull(writer, oldState);
            writer.WritePropertyName("new_state");
            WriteStateOrNull(writer, newState);
            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        var data = JsonElement.ParseValue(ref reader);
        return new HassEvent("state_changed", data, "LOCAL", _time.GetUtcNow(), newState?.Context ?? oldState?.Context);
    }

    private static void WriteStateOrNull(Utf8JsonWriter writer, EntityState? state)
    {
        if (state is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            HassJson.WriteState(writer, state);
        }
    }

    private static void Add<T>(Dictionary<string, T[]> map, string key, T handler)
    {
        map[key] = map.TryGetValue(key, out var existing) ? [.. existing, handler] : [handler];
    }

    private static void Remove<T>(Dictionary<string, T[]> map, string key, T handler)
        where T : class
    {
        if (!map.TryGetValue(key, out var existing))
        {
            return;
        }

        var index = Array.IndexOf(existing, handler);
        if (index < 0)
        {
            return;
        }

        if (existing.Length == 1)
        {
            map.Remove(key);
            return;
        }

        var copy = new T[existing.Length - 1];
        Array.Copy(existing, 0, copy, 0, index);
        Array.Copy(existing, index + 1, copy, index, existing.Length - index - 1);
        map[key] = copy;
    }
}
