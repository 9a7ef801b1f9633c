namespace Domovoy.Simulator.Events;

/// <summary>Synchronous event bus. Callers hold the simulator's core lock, so listeners run in firing order.</summary>
internal sealed class EventBus
{
    public const string MatchAll = "*";
    public const string StateChanged = "state_changed";
    public const string StateReported = "state_reported";

    private readonly List<Listener> _listeners = [];

    public IDisposable Listen(string eventType, Action<HaEvent> callback)
    {
        var listener = new Listener(this, eventType, callback);
        _listeners.Add(listener);
        return listener;
    }

    public void Fire(HaEvent e)
    {
        // Snapshot: a listener may unsubscribe (or subscribe) while being notified.
        foreach (var listener in _listeners.ToArray())
        {
            if (listener.EventType == e.EventType || (listener.EventType == MatchAll && e.EventType != StateReported))
            {
                listener.Callback(e);
            }
        }
    }

    private sealed class Listener(EventBus bus, string eventType, Action<HaEvent> callback) : IDisposable
    {
        public string EventType { get; } = eventType;

        public Action<HaEvent> Callback { get; } = callback;

        public void Dispose() => bus._listeners.Remove(this);
    }
}
