using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;

namespace Domovoy.Core.Tests.Support;

/// <summary>An in-memory state cache and event bus; handlers run synchronously on the caller, like the real client's dispatch thread.</summary>
internal sealed class FakeHassEventSource : IHassEventSource
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, EntityState> _states = new(StringComparer.Ordinal);
    private readonly List<EntitySubscription> _entitySubscriptions = [];
    private readonly List<EventSubscription> _eventSubscriptions = [];

    public FakeHassEventSource(TimeProvider time) => _time = time;

    public EntityState? GetState(string entityId)
    {
        lock (_gate)
        {
            return _states.GetValueOrDefault(entityId);
        }
    }

    public IReadOnlyCollection<string> GetAllIds()
    {
        lock (_gate)
        {
            return _states.Keys.ToArray();
        }
    }

    public IDisposable SubscribeEntity(string entityId, Action<EntityState?, EntityState?> onChange)
    {
        var subscription = new EntitySubscription(entityId, onChange, this);
        lock (_gate)
        {
            _entitySubscriptions.Add(subscription);
        }

        return subscription;
    }

    public IDisposable SubscribeEvents(IReadOnlyCollection<string> eventTypes, Action<HassEvent> onEvent)
    {
        var subscription = new EventSubscription(eventTypes.ToHashSet(StringComparer.Ordinal), onEvent, this);
        lock (_gate)
        {
            _eventSubscriptions.Add(subscription);
        }

        return subscription;
    }

    public long Connections => 1;

    public IDisposable SubscribeResynchronizing(Action onResynchronizing) => System.Reactive.Disposables.Disposable.Empty;

    public int EntitySubscribers(string entityId)
    {
        lock (_gate)
        {
            return _entitySubscriptions.Count(s => s.EntityId == entityId);
        }
    }

    /// <summary>Writes a state (attributes given as plain values) and notifies subscribers.</summary>
    public void Set(string entityId, string state, IReadOnlyDictionary<string, object?>? attributes = null, DateTimeOffset? lastChanged = null)
    {
        var now = _time.GetUtcNow();
        EntityState? old;
        EntityState updated;
        EntitySubscription[] targets;
        lock (_gate)
        {
            old = _states.GetValueOrDefault(entityId);
            var attrs = (attributes ?? new Dictionary<string, object?>()).ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value), StringComparer.Ordinal);
            var changed = lastChanged ?? (old is not null && old.State == state ? old.LastChanged : now);
            updated = new EntityState(entityId, state, attrs, changed, now, now, null);
            _states[entityId] = updated;
            targets = _entitySubscriptions.Where(s => s.EntityId == entityId).ToArray();
        }

        foreach (var target in targets)
        {
            target.OnChange(old, updated);
        }
    }

    public void Fire(string eventType, object data)
    {
        var e = new HassEvent(eventType, JsonSerializer.SerializeToElement(data), "LOCAL", _time.GetUtcNow(), null);
        EventSubscription[] targets;
        lock (_gate)
        {
            targets = _eventSubscriptions.Where(s => s.Types.Contains(eventType) || s.Types.Contains("*")).ToArray();
        }

        foreach (var target in targets)
        {
            target.OnEvent(e);
        }
    }

    private void Remove(EntitySubscription subscription)
    {
        lock (_gate)
        {
            _entitySubscriptions.Remove(subscription);
        }
    }

    private void Remove(EventSubscription subscription)
    {
        lock (_gate)
        {
            _eventSubscriptions.Remove(subscription);
        }
    }

    private sealed class EntitySubscription(string entityId, Action<EntityState?, EntityState?> onChange, FakeHassEventSource owner) : IDisposable
    {
        public string EntityId => entityId;

        public Action<EntityState?, EntityState?> OnChange => onChange;

        public void Dispose() => owner.Remove(this);
    }

    private sealed class EventSubscription(HashSet<string> types, Action<HassEvent> onEvent, FakeHassEventSource owner) : IDisposable
    {
        public HashSet<string> Types => types;

        public Action<HassEvent> OnEvent => onEvent;

        public void Dispose() => owner.Remove(this);
    }
}
