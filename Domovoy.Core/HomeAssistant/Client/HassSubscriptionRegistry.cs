using System.Collections.Concurrent;
using Domovoy.Abstractions;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// The subscription definitions that outlive connections: issues them on a connection (again after every reconnect,
/// pipelined), routes each event to its handler by the id it has in that connection, and unsubscribes. Events for an
/// id this client does not know are unsubscribed once, as Home Assistant's own JS client does.
/// </summary>
internal sealed class HassSubscriptionRegistry
{
    private readonly ConcurrentDictionary<HassSubscription, byte> _definitions = new();
    private readonly ILogger _logger;

    public HassSubscriptionRegistry(ILogger logger)
    {
        _logger = logger;
    }

    /// <summary>Keeps <paramref name="subscription"/> so it is issued on every connection from now on.</summary>
    public void Add(HassSubscription subscription) => _definitions[subscription] = 0;

    /// <summary>Issues <paramref name="subscription"/> on <paramref name="session"/> unless already issued there.</summary>
    /// <exception cref="HassCommandException">Home Assistant rejected it (the caller decides whether to drop it).</exception>
    public async Task IssueAsync(HassSession session, HassSubscription subscription, CancellationToken cancellationToken)
    {
        if (!subscription.IsActive || !subscription.TryClaim(session.Number))
        {
            return;
        }

        var issuedId = 0;
        var message = await session.RequestAsync(subscription.Type, subscription.Fields, id =>
        {
            issuedId = id;
            session.Subscriptions[id] = subscription;
            subscription.CurrentId = id;
        }, null, cancellationToken).ConfigureAwait(false);
        if (message.Success != true)
        {
            session.Subscriptions.TryRemove(issuedId, out _);
            subscription.CurrentId = null;
            HassSession.ToResult(subscription.Type, message);
        }

        if (!subscription.IsActive && session.Subscriptions.TryRemove(KeyValuePair.Create(issuedId, subscription)))
        {
            // Unsubscribed while the subscribe was in flight.
            await SendUnsubscribeAsync(session, subscription.Type, issuedId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Issues every definition on a new connection, pipelined; a rejected one is dropped with an error, a lost
    /// connection is thrown (the session ends and everything is issued again on the next one).
    /// </summary>
    public Task ReissueAllAsync(HassSession session, CancellationToken cancellationToken)
        => Task.WhenAll(_definitions.Keys.Select(subscription => ReissueAsync(session, subscription, cancellationToken)));

    /// <summary>
    /// Issues a new definition now when a connection is up; a rejection drops it and is thrown, a lost connection keeps
    /// it for the next connect.
    /// </summary>
    /// <exception cref="HassCommandException">Home Assistant rejected it.</exception>
    public async Task SubscribeAsync(HassSession? session, HassSubscription subscription, CancellationToken cancellationToken)
    {
        Add(subscription);
        if (session is null || session.IsClosed)
        {
            return;
        }

        try
        {
            await IssueAsync(session, subscription, cancellationToken).ConfigureAwait(false);
        }
        catch (HassCommandException)
        {
            Drop(subscription);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _ = UnsubscribeAsync(session, subscription, CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            // Kept: the definition is issued again after the reconnect.
            _logger.LogDebug("Subscribing {Type} not confirmed ({Message}); it is issued again after reconnecting.", subscription.Type, ex.Message);
        }
    }

    /// <summary>Like <see cref="SubscribeAsync"/> without waiting; a rejection is logged.</summary>
    public void SubscribeInBackground(HassSession? session, HassSubscription subscription)
    {
        Add(subscription);
        if (session is not null && !session.IsClosed)
        {
            _ = IssueOrDropAsync(session, subscription, session.ClosingToken);
        }
    }

    /// <summary>Removes a definition and sends <c>unsubscribe_events</c> when it is live on <paramref name="session"/>.</summary>
    public async Task UnsubscribeAsync(HassSession? session, HassSubscription subscription, CancellationToken cancellationToken)
    {
        if (!subscription.TryDeactivate())
        {
            return;
        }

        _definitions.TryRemove(subscription, out _);
        if (session is null || session.IsClosed || subscription.CurrentId is not { } id || !session.Subscriptions.TryRemove(KeyValuePair.Create(id, subscription)))
        {
            return;
        }

        await SendUnsubscribeAsync(session, subscription.Type, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Routes an event to its subscription's handler (on the reader thread); unknown ids are unsubscribed once.</summary>
    public void Deliver(HassSession session, HassMessage message)
    {
        if (message.Id is not { } id || message.Event is not { } ev)
        {
            return;
        }

        if (!session.Subscriptions.TryGetValue(id, out var subscription))
        {
            if (session.RetiredIds.TryAdd(id, 0))
            {
                HassClientLog.UnknownSubscription(_logger, id);
                _ = SendUnsubscribeAsync(session, "unknown subscription", id, session.ClosingToken);
            }

            return;
        }

        try
        {
            subscription.Deliver(ev);
        }
        catch (Exception ex)
        {
            HassClientLog.HandlerThrew(_logger, ex, subscription.Type, id, ex.GetType().Name, ex.Message);
        }
    }

    /// <summary>Failures that mean "the connection is gone or the caller gave up", as opposed to a rejection.</summary>
    public static bool IsConnectionFailure(Exception ex)
        => ex is HassConnectionException or HassCommandNotSentException or TimeoutException or OperationCanceledException;

    private async Task ReissueAsync(HassSession session, HassSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await IssueAsync(session, subscription, cancellationToken).ConfigureAwait(false);
        }
        catch (HassCommandException ex)
        {
            HassClientLog.SubscriptionRejected(_logger, subscription.Type, ex.Code, ex.Error.Message);
            Drop(subscription);
        }
    }

    private async Task IssueOrDropAsync(HassSession session, HassSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await ReissueAsync(session, subscription, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogDebug("Subscribing {Type} not confirmed ({Message}); it is issued again after reconnecting.", subscription.Type, ex.Message);
        }
    }

    private void Drop(HassSubscription subscription)
    {
        _definitions.TryRemove(subscription, out _);
        subscription.TryDeactivate();
    }

    private async Task SendUnsubscribeAsync(HassSession session, string type, int id, CancellationToken cancellationToken)
    {
        // Late events for the id are dropped quietly instead of being unsubscribed a second time.
        session.RetiredIds.TryAdd(id, 0);
        try
        {
            var message = await session.RequestAsync("unsubscribe_events", HassCommandBuilder.Unsubscribe(id), null, null, cancellationToken).ConfigureAwait(false);
            if (message.Success != true)
            {
                HassClientLog.UnsubscribeRejected(_logger, type, id, message.Error?.Code, message.Error?.Message);
            }
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            // The connection is gone (the server drops its subscriptions with it) or the caller gave up.
            _logger.LogDebug("Unsubscribe of {Type} (id {Id}) not confirmed: {Message}", type, id, ex.Message);
        }
    }
}
