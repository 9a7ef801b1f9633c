using System.Text.Json;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// A subscription definition (<c>subscribe_events</c>, <c>subscribe_trigger</c>, …). It outlives connections: after a
/// reconnect the client issues it again under a new id and routes its events to the same handler.
/// </summary>
internal sealed class HassSubscription : IDisposable
{
    private readonly Func<HassSubscription, CancellationToken, Task> _unsubscribe;
    private readonly Action<JsonElement> _onEvent;
    private readonly bool _borrowsEvent;
    private long _claimedSession;
    private int _active = 1;
    private int _currentId;

    /// <param name="type">The subscribe command, e.g. <c>subscribe_events</c>.</param>
    /// <param name="fields">Its members, or null.</param>
    /// <param name="onEvent">Receives each event payload on the reader thread.</param>
    /// <param name="unsubscribe">Removes the definition (the client's <c>UnsubscribeAsync</c>).</param>
    /// <param name="borrowsEvent">
    /// True when <paramref name="onEvent"/> is done with the payload when it returns (it neither keeps it nor hands it
    /// to another thread): it then gets the payload in place in the frame buffer instead of a copy.
    /// </param>
    public HassSubscription(string type, JsonElement? fields, Action<JsonElement> onEvent, Func<HassSubscription, CancellationToken, Task> unsubscribe, bool borrowsEvent = false)
    {
        _borrowsEvent = borrowsEvent;
        _unsubscribe = unsubscribe;
        Type = type;
        Fields = fields;
        _onEvent = onEvent;
    }

    public string Type { get; }

    public JsonElement? Fields { get; }

    public bool IsActive => Volatile.Read(ref _active) != 0;

    /// <summary>The id in the current connection, or null while not issued.</summary>
    public int? CurrentId
    {
        get => Volatile.Read(ref _currentId) is var id and > 0 ? id : null;
        set => Volatile.Write(ref _currentId, value ?? 0);
    }

    /// <summary>Claims issuing in session <paramref name="session"/>; false when already issued there.</summary>
    public bool TryClaim(long session)
    {
        while (true)
        {
            var current = Interlocked.Read(ref _claimedSession);
            if (current >= session)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _claimedSession, session, current) == current)
            {
                return true;
            }
        }
    }

    public bool TryDeactivate() => Interlocked.Exchange(ref _active, 0) != 0;

    /// <summary>Hands an event payload (in place in the frame buffer) to the handler: as is when it borrows, else copied.</summary>
    public void Deliver(JsonElement ev) => _onEvent(_borrowsEvent ? ev : ev.Clone());

    /// <summary>Removes the definition and sends <c>unsubscribe_events</c> when connected.</summary>
    public Task UnsubscribeAsync(CancellationToken cancellationToken = default) => _unsubscribe(this, cancellationToken);

    /// <summary>Unsubscribes in the background; failures are logged by the client.</summary>
    public void Dispose() => _ = UnsubscribeAsync(CancellationToken.None);
}
