using System.Text.Json;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// A subscription definition (<c>subscribe_events</c>, <c>subscribe_trigger</c>, …). It outlives connections: after a
/// reconnect the client issues it again under a new id and routes its events to the same handler.
/// </summary>
internal sealed class HassSubscription : IDisposable
{
    private readonly HassWebSocketClient _client;
    private readonly Action<JsonElement> _onEvent;
    private long _claimedSession;
    private int _active = 1;
    private int _currentId;

    public HassSubscription(HassWebSocketClient client, string type, JsonElement? fields, Action<JsonElement> onEvent)
    {
        _client = client;
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

    public void Deliver(JsonElement ev) => _onEvent(ev);

    /// <summary>Removes the definition and sends <c>unsubscribe_events</c> when connected.</summary>
    public Task UnsubscribeAsync(CancellationToken cancellationToken = default) => _client.UnsubscribeAsync(this, cancellationToken);

    /// <summary>Unsubscribes in the background; failures are logged by the client.</summary>
    public void Dispose() => _ = UnsubscribeAsync(CancellationToken.None);
}
