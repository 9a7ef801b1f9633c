using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Domovoy.Abstractions;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// One authenticated WebSocket connection: sends commands with increasing ids, runs the read loop (results to the
/// <see cref="HassCommandCorrelator"/>, events to the subscription registry) and the app-level heartbeat, and closes
/// once, failing what is in flight.
/// </summary>
internal sealed class HassSession : IDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private readonly CancellationTokenRegistration _stopRegistration;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly HassFrameReader _reader;
    private readonly HassClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _lastId;
    private int _closedFlag;

    public HassSession(WebSocket socket, HassFrameReader reader, long number, HassClientOptions options, TimeProvider time, ILogger logger, CancellationToken stopping)
    {
        Socket = socket;
        _reader = reader;
        Number = number;
        _options = options;
        _time = time;
        _logger = logger;
        ClosingToken = _closing.Token;
        _stopRegistration = stopping.Register(static s => ((CancellationTokenSource)s!).Cancel(), _closing);
    }

    public WebSocket Socket { get; }

    /// <summary>Increases with every connection; subscriptions remember in which one they were issued.</summary>
    public long Number { get; }

    public HassCommandCorrelator Commands { get; } = new();

    /// <summary>Live subscriptions by their id in this connection.</summary>
    public ConcurrentDictionary<int, HassSubscription> Subscriptions { get; } = new();

    /// <summary>Subscription ids unsubscribed in this connection; late events for them are dropped without a second unsubscribe.</summary>
    public ConcurrentDictionary<int, byte> RetiredIds { get; } = new();

    /// <summary>Cancelled when the session closes or the client stops.</summary>
    public CancellationToken ClosingToken { get; }

    /// <summary>Completes once <see cref="CloseAsync"/> has failed the pending commands.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Why the session closed (the first reason given).</summary>
    public Exception? CloseReason { get; private set; }

    public bool IsClosed => Volatile.Read(ref _closedFlag) != 0;

    /// <summary>Sends a command and waits for its result or pong.</summary>
    /// <param name="type">The command type.</param>
    /// <param name="fields">Members added to the command, or null.</param>
    /// <param name="onId">Called with the id under the send lock, before the frame goes out (so events can be routed).</param>
    /// <param name="timeout">The result timeout; default <see cref="HassClientOptions.CommandTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <param name="decodeResult">
    /// Decodes a successful result on the reader thread while its frame is alive (the answer's <see cref="HassMessage.Decoded"/>),
    /// instead of copying the result out of the frame: for large results such as <c>get_states</c>. What it throws fails the request.
    /// </param>
    /// <exception cref="HassCommandNotSentException">The session was closed before the command went out (safe to send elsewhere).</exception>
    /// <exception cref="HassConnectionException">The connection was lost while sending or waiting (the command may have run).</exception>
    /// <exception cref="TimeoutException">No result in time.</exception>
    public async Task<HassMessage> RequestAsync(string type, JsonElement? fields, Action<int>? onId, TimeSpan? timeout, CancellationToken cancellationToken, Func<JsonElement, object?>? decodeResult = null)
    {
        var description = Describe(type, fields);
        Task<HassMessage> completion;
        int id;
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsClosed)
            {
                throw new HassCommandNotSentException(description);
            }

            id = ++_lastId;
            completion = Commands.Register(id, description, decodeResult);
            onId?.Invoke(id);
            try
            {
                await Socket.SendAsync(Serialize(id, type, fields), WebSocketMessageType.Text, true, ClosingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
                Commands.Forget(id);
                throw new HassConnectionException($"Sending '{description}' to Home Assistant failed: connection lost. It may or may not have been executed; it is not sent again.", ex);
            }
        }
        finally
        {
            _sendLock.Release();
        }

        var limit = timeout ?? _options.CommandTimeout;
        try
        {
            return await completion.WaitAsync(limit, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Commands.Forget(id);
            throw new TimeoutException($"Home Assistant did not answer '{description}' (id {id}) within {limit.TotalSeconds} s.");
        }
        catch (OperationCanceledException)
        {
            Commands.Forget(id);
            throw;
        }
    }

    /// <summary>Sends a command and returns its <c>result</c>; see <see cref="RequestAsync"/> for the exceptions.</summary>
    /// <exception cref="HassCommandException">success:false.</exception>
    public async Task<JsonElement> SendCommandAsync(string type, JsonElement? fields = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => ToResult(type, await RequestAsync(type, fields, null, timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>The command's result, or <see cref="HassCommandException"/> for success:false.</summary>
    public static JsonElement ToResult(string type, HassMessage message)
    {
        if (message.Success == true)
        {
            return message.CommandResult ?? default;
        }

        if (message.Type == "pong")
        {
            return default;
        }

        throw new HassCommandException(type, message.Error ?? new HassError("unknown_error", "Home Assistant answered success:false without an error."));
    }

    /// <summary>Reads until the session ends; returns (never throws) the reason it ended.</summary>
    /// <param name="onEvent">Receives every <c>event</c> message, on this loop's thread.</param>
    /// <param name="onFrame">Called per frame with whether it was coalesced (diagnostics).</param>
    public async Task<Exception> ReadLoopAsync(Action<HassSession, HassMessage> onEvent, Action<bool> onFrame)
    {
        Exception reason;
        try
        {
            while (true)
            {
                // Decoded in place and dispatched before the next read reuses the buffer: results are detached by the
                // correlator, events by their subscription unless its handler only reads them on this thread.
                using var frame = await _reader.ReadDocumentAsync(ClosingToken).ConfigureAwait(false);
                onFrame(_reader.LastWasArray);
                HassJson.ForEachMessage(frame.RootElement, message => Dispatch(HassJson.ParseMessage(message), onEvent));
            }
        }
        catch (JsonException ex)
        {
            HassClientLog.MalformedJson(_logger, ex.Message);
            reason = new HassConnectionException($"Home Assistant sent malformed JSON: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex)
        {
            reason = new HassConnectionException("The connection to Home Assistant was closed.", ex);
        }
        catch (HassConnectionException ex)
        {
            reason = ex;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            reason = new HassConnectionException($"The connection to Home Assistant was lost: {ex.Message}", ex);
        }

        await CloseAsync(reason).ConfigureAwait(false);
        return CloseReason ?? reason;
    }

    /// <summary>Pings every <see cref="HassClientOptions.PingInterval"/>; a missing pong closes the session.</summary>
    public async Task HeartbeatAsync()
    {
        try
        {
            while (!IsClosed)
            {
                await Task.Delay(_options.PingInterval, _time, ClosingToken).ConfigureAwait(false);
                await RequestAsync("ping", null, null, _options.PongTimeout, ClosingToken).ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            HassClientLog.PingTimeout(_logger, _options.PongTimeout.TotalSeconds);
            await CloseAsync(new HassConnectionException($"Home Assistant did not answer ping within {_options.PongTimeout.TotalSeconds} s.")).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HassConnectionException or HassCommandNotSentException)
        {
            // The session ended.
        }
    }

    /// <summary>Ends the session once: aborts the socket and fails every pending command at once.</summary>
    public async Task CloseAsync(Exception reason)
    {
        if (Interlocked.Exchange(ref _closedFlag, 1) != 0)
        {
            return;
        }

        CloseReason = reason;
        Socket.Abort();

        // Senders hold the lock only while writing, and the abort makes a blocked write fail at once.
        await _sendLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            Commands.FailAll(reason);
        }
        finally
        {
            _sendLock.Release();
        }

        // After the pending commands failed, so their waiters see the real reason rather than a cancellation.
        await _closing.CancelAsync().ConfigureAwait(false);
        foreach (var subscription in Subscriptions.Values)
        {
            subscription.CurrentId = null;
        }

        Subscriptions.Clear();
        _closed.TrySetResult();
    }

    /// <summary>Releases the socket. The token source and lock are left to the GC: late callers may still touch them.</summary>
    public void Dispose()
    {
        _stopRegistration.Dispose();
        Socket.Dispose();
    }

    private void Dispatch(HassMessage message, Action<HassSession, HassMessage> onEvent)
    {
        switch (message.Type)
        {
            case "result":
            case "pong":
                if (!Commands.TryComplete(message))
                {
                    _logger.LogDebug("Home Assistant sent a {Type} for unknown id {Id}.", message.Type, message.Id);
                }

                break;
            case "event":
                onEvent(this, message);
                break;
            default:
                _logger.LogDebug("Ignoring Home Assistant message of type {Type}.", message.Type);
                break;
        }
    }

    private static string Describe(string type, JsonElement? fields)
        => type == "call_service" && fields is { ValueKind: JsonValueKind.Object } f
            && f.TryGetProperty("domain", out var domain) && f.TryGetProperty("service", out var service)
            ? $"call_service {domain}.{service}"
            : type;

    private static ReadOnlyMemory<byte> Serialize(int id, string type, JsonElement? fields)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteString("type", type);
            if (fields is { ValueKind: JsonValueKind.Object } obj)
            {
                foreach (var property in obj.EnumerateObject())
                {
                    if (property.NameEquals("id") || property.NameEquals("type"))
                    {
                        continue;
                    }

                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
