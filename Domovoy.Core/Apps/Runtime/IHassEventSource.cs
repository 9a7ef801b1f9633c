using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>
/// The engine's view of Home Assistant's state cache and event stream (implemented by the Home Assistant integration).
/// Handlers are invoked on the client's dispatch thread and must only queue work, never block.
/// </summary>
internal interface IHassEventSource
{
    /// <summary>The cached state, or null when the entity does not exist.</summary>
    EntityState? GetState(string entityId);

    /// <summary>Every cached entity id (a copy).</summary>
    IReadOnlyCollection<string> GetAllIds();

    /// <summary>Every change of one entity (state or attributes), after the cache applied it.</summary>
    IDisposable SubscribeEntity(string entityId, Action<EntityState?, EntityState?> onChange);

    /// <summary>Every event of the given types (<c>*</c> for all).</summary>
    IDisposable SubscribeEvents(IReadOnlyCollection<string> eventTypes, Action<HassEvent> onEvent);

    /// <summary>
    /// How many connections to Home Assistant were started; it grows by one at each (re)connect, before any event of
    /// the new connection is delivered. A change means Home Assistant may have restarted meanwhile.
    /// </summary>
    long Connections { get; }

    /// <summary>
    /// Runs <paramref name="onResynchronizing"/> at the start of every state re-sync (after each (re)connect, once Home
    /// Assistant is RUNNING), before any change the re-sync finds is delivered.
    /// </summary>
    IDisposable SubscribeResynchronizing(Action onResynchronizing);
}
