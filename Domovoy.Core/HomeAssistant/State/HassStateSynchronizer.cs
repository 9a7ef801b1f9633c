using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.HomeAssistant.Client;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant.State;

/// <summary>
/// Connects the state cache to the client: one <c>subscribe_events</c> (all events) feeds the cache, and after every
/// (re)connect <c>get_states</c> is fetched and reconciled before the client reports Ready. Each connect attempt is
/// counted in the cache before any of its events arrive.
/// </summary>
internal sealed class HassStateSynchronizer
{
    private readonly HassWebSocketClient _client;
    private readonly HassStateCache _cache;
    private readonly ILogger _logger;

    public HassStateSynchronizer(HassWebSocketClient client, HassStateCache cache, ILogger logger)
    {
        _client = client;
        _cache = cache;
        _logger = logger;
        // The cache only reads the payload while handling it (and copies what it keeps), so it borrows the frame's bytes.
        _client.AddSubscription("subscribe_events", null, OnEvent, borrowsEvent: true);
        _client.AddSessionInitializer("get_states (state cache sync)", SynchronizeAsync);
        _client.StateChanged += (_, e) =>
        {
            if (e.State == HassConnectionState.Connecting)
            {
                _cache.ConnectionStarting();
            }
        };
    }

    /// <summary>
    /// Fetches every state on the connection being set up and reconciles the cache. The states are decoded straight
    /// from the receive buffer on the reader thread (no copy of the multi-megabyte result), attributes left undecoded.
    /// </summary>
    public async Task SynchronizeAsync(HassSession session, CancellationToken cancellationToken)
    {
        var since = _cache.BeginSync();
        var answer = await session.RequestAsync("get_states", null, null, null, cancellationToken, DecodeStates).ConfigureAwait(false);
        HassSession.ToResult("get_states", answer);
        var states = (List<EntityState>)answer.Decoded!;
        var changed = _cache.Reconcile(states, since);
        _logger.LogInformation("State cache synchronized: {Count} entities, {Changed} changed since the last sync.", states.Count, changed);
    }

    private List<EntityState> DecodeStates(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException($"get_states returned {result.ValueKind}, expected an array.");
        }

        var states = new List<EntityState>(result.GetArrayLength());
        foreach (var item in result.EnumerateArray())
        {
            try
            {
                states.Add(HassJson.ParseState(item));
            }
            catch (JsonException ex)
            {
                _logger.LogWarning("Skipping an unreadable state in get_states: {Message}", ex.Message);
            }
        }

        return states;
    }

    private void OnEvent(JsonElement ev)
    {
        HassEvent parsed;
        try
        {
            parsed = HassJson.ParseEvent(ev);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            _logger.LogWarning("Skipping an unreadable event from Home Assistant: {Message}", ex.Message);
            return;
        }

        _cache.HandleEvent(parsed);
    }
}
