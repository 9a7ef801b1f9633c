using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Domovoy.Abstractions;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// The connection to Home Assistant's WebSocket API: one reader loop, ids allocated and sent under one async lock,
/// per-command results with a timeout, app-level heartbeat, and reconnects with exponential backoff. Subscription
/// definitions survive reconnects and are issued again with new ids; session initializers (the state cache's
/// re-fetch) run after every reconnect before the client reports <see cref="HassConnectionState.Ready"/>.
/// </summary>
internal sealed class HassWebSocketClient
{
    private const int ReceiveChunk = 16 * 1024;
    private const int KeepBufferBytes = 1024 * 1024;

    private readonly HassClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<HassSubscription, byte> _subscriptions = new();
    private readonly List<Func<CancellationToken, Task>> _initializers = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HassSession? _session;
    private long _sessionCounter;
    private int _running;
    private long _readyCount;
    private long _framesReceived;
    private long _arrayFramesReceived;
    private HassConnectionState _state = HassConnectionState.Disconnected;

    public HassWebSocketClient(HassClientOptions options, ILogger logger, TimeProvider time)
    {
        _options = options;
        _logger = logger;
        _time = time;
    }

    /// <summary>Raised on every connection state change (on the connection loop's thread; handlers must not block).</summary>
    public event EventHandler<HassConnectionStateChangedEventArgs>? StateChanged;

    public HassConnectionState State => _state;

    /// <summary>Completes at the first successful synchronization; faults with <see cref="HassAuthenticationException"/> on a bad token.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Home Assistant's version from the last handshake.</summary>
    public string? HaVersion { get; private set; }

    /// <summary>The last <c>get_config</c> result.</summary>
    public JsonElement? Config { get; private set; }

    /// <summary>How many connections reached <see cref="HassConnectionState.Ready"/>.</summary>
    public long ReadyCount => Interlocked.Read(ref _readyCount);

    /// <summary>Frames received in the command phase (diagnostics).</summary>
    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Coalesced (JSON array) frames received (diagnostics).</summary>
    public long ArrayFramesReceived => Interlocked.Read(ref _arrayFramesReceived);

    /// <summary>Adds a step run after every (re)connect, after subscriptions are re-issued and before Ready.</summary>
    public void AddSessionInitializer(Func<CancellationToken, Task> initializer)
    {
        lock (_initializers)
        {
            _initializers.Add(initializer);
        }
    }

    /// <summary>
    /// Connects and keeps reconnecting until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <exception cref="HassAuthenticationException">The token was rejected (never retried).</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("The Home Assistant client is already running.");
        }

        var attempt = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Exception? error = null;
                var reachedReady = false;
                try
                {
                    await RunSessionAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (HassAuthenticationException ex)
                {
                    _logger.LogCritical("{Message}", ex.Message);
                    _ready.TrySetException(ex);
                    SetState(HassConnectionState.Stopped, ex, null);
                    throw;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    error = ex;
                    reachedReady = ex is HassSessionEndedException ended && ended.ReachedReady;
                }

                if (reachedReady)
                {
                    attempt = 0;
                }

                var delay = Backoff(attempt++);
                var reason = error is HassSessionEndedException { InnerException: { } inner } ? inner : error;
                _logger.LogWarning(
                    "Home Assistant connection lost or failed ({Reason}); reconnecting in {Delay:F1} s.",
                    reason?.Message ?? "closed", delay.TotalSeconds);
                SetState(HassConnectionState.Disconnected, reason, delay);
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            _ready.TrySetCanceled(cancellationToken.IsCancellationRequested ? cancellationToken : new CancellationToken(true));
            if (_state != HassConnectionState.Stopped)
            {
                SetState(HassConnectionState.Stopped, null, null);
            }
        }
    }

    /// <summary>Sends a command and returns its <c>result</c>.</summary>
    /// <param name="type">The command type.</param>
    /// <param name="fields">An object whose members are added to the command, or null.</param>
    /// <param name="timeout">The result timeout; default <see cref="HassClientOptions.CommandTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <exception cref="HassCommandException">success:false.</exception>
    /// <exception cref="HassConnectionException">Not connected, or the connection was lost while waiting.</exception>
    /// <exception cref="TimeoutException">No result in time.</exception>
    public async Task<JsonElement> SendCommandAsync(string type, JsonElement? fields = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var session = CurrentSession();
        var message = await SendAndWaitAsync(session, type, fields, null, timeout, cancellationToken).ConfigureAwait(false);
        return ToResult(type, message);
    }

    /// <summary>
    /// Adds a subscription definition and issues it now when connected (otherwise at the next connect). Its events reach
    /// <paramref name="onEvent"/> on the reader thread, across reconnects, until it is unsubscribed.
    /// </summary>
    /// <exception cref="HassCommandException">Home Assistant rejected the subscription (the definition is dropped).</exception>
    public async Task<HassSubscription> SubscribeAsync(string type, JsonElement? fields, Action<JsonElement> onEvent, CancellationToken cancellationToken = default)
    {
        var subscription = new HassSubscription(this, type, fields, onEvent);
        _subscriptions[subscription] = 0;
        var session = Volatile.Read(ref _session);
        if (session is not null && !session.IsClosed)
        {
            try
            {
                await IssueAsync(session, subscription, cancellationToken).ConfigureAwait(false);
            }
            catch (HassCommandException)
            {
                _subscriptions.TryRemove(subscription, out _);
                subscription.TryDeactivate();
                throw;
            }
            catch (OperationCanceledException)
            {
                _ = UnsubscribeAsync(subscription, CancellationToken.None);
                throw;
            }
            catch (Exception ex) when (ex is HassConnectionException or TimeoutException)
            {
                // Kept: the definition is issued again after the reconnect.
                _logger.LogDebug("Subscribing {Type} not confirmed ({Message}); it is issued again after reconnecting.", type, ex.Message);
            }
        }

        return subscription;
    }

    /// <summary>
    /// Adds a subscription definition without waiting: it is issued at the next connect (call before <see cref="RunAsync"/>
    /// for subscriptions that must be live before Ready), or in the background when already connected.
    /// </summary>
    public HassSubscription AddSubscription(string type, JsonElement? fields, Action<JsonElement> onEvent)
    {
        var subscription = new HassSubscription(this, type, fields, onEvent);
        _subscriptions[subscription] = 0;
        var session = Volatile.Read(ref _session);
        if (session is not null && !session.IsClosed)
        {
            _ = IssueInBackgroundAsync(session, subscription);
        }

        return subscription;
    }

    private async Task IssueInBackgroundAsync(HassSession session, HassSubscription subscription)
    {
        try
        {
            await IssueAsync(session, subscription, session.ClosingToken).ConfigureAwait(false);
        }
        catch (HassCommandException ex)
        {
            _logger.LogError("Home Assistant rejected subscription {Type}: {Code}: {Message}", subscription.Type, ex.Code, ex.Error.Message);
            _subscriptions.TryRemove(subscription, out _);
            subscription.TryDeactivate();
        }
        catch (Exception ex) when (ex is HassConnectionException or TimeoutException or OperationCanceledException)
        {
            _logger.LogDebug("Subscribing {Type} not confirmed ({Message}); it is issued again after reconnecting.", subscription.Type, ex.Message);
        }
    }

    /// <summary>Removes a subscription definition and sends <c>unsubscribe_events</c> when it is live.</summary>
    public async Task UnsubscribeAsync(HassSubscription subscription, CancellationToken cancellationToken = default)
    {
        if (!subscription.TryDeactivate())
        {
            return;
        }

        _subscriptions.TryRemove(subscription, out _);
        var session = Volatile.Read(ref _session);
        if (session is null || session.IsClosed || subscription.CurrentId is not { } id || !session.Subscriptions.TryRemove(KeyValuePair.Create(id, subscription)))
        {
            return;
        }

        try
        {
            var message = await SendAndWaitAsync(session, "unsubscribe_events", HassCommandBuilder.Unsubscribe(id), null, null, cancellationToken).ConfigureAwait(false);
            if (message.Success != true)
            {
                _logger.LogWarning("Home Assistant rejected unsubscribe of {Type} (id {Id}): {Code}: {Message}", subscription.Type, id, message.Error?.Code, message.Error?.Message);
            }
        }
        catch (Exception ex) when (ex is HassConnectionException or TimeoutException or OperationCanceledException)
        {
            // The connection is gone (the server drops its subscriptions with it) or the caller gave up.
            _logger.LogDebug("Unsubscribe of {Type} (id {Id}) not confirmed: {Message}", subscription.Type, id, ex.Message);
        }
    }

    private static JsonElement ToResult(string type, HassMessage message)
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

    private HassSession CurrentSession()
    {
        var session = Volatile.Read(ref _session);
        if (session is null || session.IsClosed)
        {
            throw new HassConnectionException("Not connected to Home Assistant.");
        }

        return session;
    }

    /// <summary>Runs one connection until it ends; always ends by throwing (<see cref="HassSessionEndedException"/> once connected).</summary>
    private async Task RunSessionAsync(CancellationToken cancellationToken)
    {
        SetState(HassConnectionState.Connecting, null, null);
        var uri = _options.GetWebSocketUri();
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        HassSession? session = null;
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(_options.AuthTimeout);
                try
                {
                    await socket.ConnectAsync(uri, connectTimeout.Token).ConfigureAwait(false);
                    await AuthenticateAsync(socket, buffer, connectTimeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new HassConnectionException($"Connecting to Home Assistant at {uri} timed out after {_options.AuthTimeout.TotalSeconds} s.");
                }
            }

            session = new HassSession(socket, Interlocked.Increment(ref _sessionCounter), cancellationToken);
            Volatile.Write(ref _session, session);
            var reader = Task.Run(() => ReadLoopAsync(session, buffer), CancellationToken.None);
            var heartbeat = Task.Run(() => HeartbeatAsync(session), CancellationToken.None);
            var reachedReady = false;
            try
            {
                await SetUpSessionAsync(session, reader, cancellationToken).ConfigureAwait(false);
                reachedReady = true;
                Interlocked.Increment(ref _readyCount);
                SetState(HassConnectionState.Ready, null, null);
                _logger.LogInformation("Connected to Home Assistant {Version} at {Uri}.", HaVersion, uri);
                _ready.TrySetResult();
                var ended = await reader.ConfigureAwait(false);
                throw new HassSessionEndedException(true, ended);
            }
            catch (Exception ex) when (ex is not HassSessionEndedException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // Setup failed (or a command timed out): end the session and report why.
                await CloseSessionAsync(session, ex).ConfigureAwait(false);
                throw new HassSessionEndedException(reachedReady, session.CloseReason ?? ex);
            }
            finally
            {
                await CloseSessionAsync(session, new HassConnectionException("The Home Assistant client is stopping.")).ConfigureAwait(false);
                await reader.ConfigureAwait(false);
                await heartbeat.ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.CompareExchange(ref _session, null, session);
            session?.Dispose();
            if (session is null)
            {
                socket.Dispose();
            }
        }
    }

    private async Task AuthenticateAsync(ClientWebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        var first = await ReceiveMessagesAsync(socket, buffer, cancellationToken).ConfigureAwait(false);
        if (first.Count == 0 || first[0].Type != "auth_required")
        {
            throw new HassConnectionException($"Expected auth_required from Home Assistant, got '{(first.Count == 0 ? "nothing" : first[0].Type)}'.");
        }

        var auth = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(auth))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "auth");
            writer.WriteString("access_token", _options.AccessToken);
            writer.WriteEndObject();
        }

        await socket.SendAsync(auth.WrittenMemory, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        var reply = await ReceiveMessagesAsync(socket, buffer, cancellationToken).ConfigureAwait(false);
        var type = reply.Count == 0 ? "nothing" : reply[0].Type;
        switch (type)
        {
            case "auth_ok":
                HaVersion = reply[0].HaVersion;
                return;
            case "auth_invalid":
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                }
                catch (WebSocketException)
                {
                    // The server closes the socket itself after auth_invalid.
                }

                throw new HassAuthenticationException(reply[0].Message);
            default:
                throw new HassConnectionException($"Expected auth_ok or auth_invalid from Home Assistant, got '{type}'.");
        }
    }

    private async Task SetUpSessionAsync(HassSession session, Task<Exception> reader, CancellationToken cancellationToken)
    {
        var stopping = session.ClosingToken;
        if (HassVersion.AtLeast(HaVersion, 2022, 9))
        {
            var features = await SendAndWaitAsync(session, "supported_features", Fields("{\"features\":{\"coalesce_messages\":1}}"), null, null, stopping).ConfigureAwait(false);
            ToResult("supported_features", features);
        }

        SetState(HassConnectionState.Synchronizing, null, null);
        // Pipelined: ids and sends stay ordered under the send lock; the results are awaited together.
        await Task.WhenAll(_subscriptions.Keys.Select(subscription => ReissueAsync(session, subscription, stopping))).ConfigureAwait(false);

        if (!await IsRunningAsync(session, stopping).ConfigureAwait(false))
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var temporary = new HassSubscription(this, "subscribe_events", HassCommandBuilder.SubscribeEvents("homeassistant_started"), _ => started.TrySetResult());
            await IssueAsync(session, temporary, stopping).ConfigureAwait(false);
            if (!await IsRunningAsync(session, stopping).ConfigureAwait(false))
            {
                SetState(HassConnectionState.WaitingForStart, null, null);
                _logger.LogInformation("Home Assistant is starting; waiting for homeassistant_started.");
                await Task.WhenAny(started.Task, reader).WaitAsync(stopping).ConfigureAwait(false);
                if (!started.Task.IsCompleted)
                {
                    throw await reader.ConfigureAwait(false);
                }

                await IsRunningAsync(session, stopping).ConfigureAwait(false);
                SetState(HassConnectionState.Synchronizing, null, null);
            }

            await UnsubscribeAsync(temporary, stopping).ConfigureAwait(false);
        }

        Func<CancellationToken, Task>[] initializers;
        lock (_initializers)
        {
            initializers = [.. _initializers];
        }

        foreach (var initializer in initializers)
        {
            await initializer(stopping).ConfigureAwait(false);
        }
    }

    private async Task ReissueAsync(HassSession session, HassSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await IssueAsync(session, subscription, cancellationToken).ConfigureAwait(false);
        }
        catch (HassCommandException ex)
        {
            _logger.LogError("Home Assistant rejected re-subscribing {Type}: {Code}: {Message}; the subscription is dropped.", subscription.Type, ex.Code, ex.Error.Message);
            _subscriptions.TryRemove(subscription, out _);
            subscription.TryDeactivate();
        }
    }

    private async Task<bool> IsRunningAsync(HassSession session, CancellationToken cancellationToken)
    {
        var config = ToResult("get_config", await SendAndWaitAsync(session, "get_config", null, null, null, cancellationToken).ConfigureAwait(false));
        Config = config;
        return config.ValueKind != JsonValueKind.Object
            || !config.TryGetProperty("state", out var state)
            || state.ValueKind != JsonValueKind.String
            || state.GetString() == "RUNNING";
    }

    private async Task IssueAsync(HassSession session, HassSubscription subscription, CancellationToken cancellationToken)
    {
        if (!subscription.IsActive || !subscription.TryClaim(session.Number))
        {
            return;
        }

        int issuedId = 0;
        var message = await SendAndWaitAsync(session, subscription.Type, subscription.Fields, id =>
        {
            issuedId = id;
            session.Subscriptions[id] = subscription;
            subscription.CurrentId = id;
        }, null, cancellationToken).ConfigureAwait(false);
        if (message.Success != true)
        {
            session.Subscriptions.TryRemove(issuedId, out _);
            subscription.CurrentId = null;
            ToResult(subscription.Type, message);
        }

        if (!subscription.IsActive && session.Subscriptions.TryRemove(KeyValuePair.Create(issuedId, subscription)))
        {
            // Unsubscribed while the subscribe was in flight.
            await SendAndWaitAsync(session, "unsubscribe_events", HassCommandBuilder.Unsubscribe(issuedId), null, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HassMessage> SendAndWaitAsync(HassSession session, string type, JsonElement? fields, Action<int>? onId, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<HassMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        await session.SendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (session.IsClosed)
            {
                throw new HassConnectionException("Not connected to Home Assistant.");
            }

            id = ++session.LastId;
            session.Pending[id] = completion;
            onId?.Invoke(id);
            var frame = Serialize(id, type, fields);
            try
            {
                await session.Socket.SendAsync(frame, WebSocketMessageType.Text, true, session.ClosingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
                session.Pending.TryRemove(id, out _);
                throw new HassConnectionException($"Sending '{type}' to Home Assistant failed: connection lost.", ex);
            }
        }
        finally
        {
            session.SendLock.Release();
        }

        try
        {
            return await completion.Task.WaitAsync(timeout ?? _options.CommandTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            session.Pending.TryRemove(id, out _);
            throw new TimeoutException($"Home Assistant did not answer '{type}' (id {id}) within {(timeout ?? _options.CommandTimeout).TotalSeconds} s.");
        }
        catch (OperationCanceledException)
        {
            session.Pending.TryRemove(id, out _);
            throw;
        }
    }

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

    /// <summary>Reads frames until the session ends; returns (never throws) the reason it ended.</summary>
    private async Task<Exception> ReadLoopAsync(HassSession session, ArrayBufferWriter<byte> buffer)
    {
        Exception reason;
        try
        {
            while (true)
            {
                var messages = await ReceiveMessagesAsync(session.Socket, buffer, session.ClosingToken).ConfigureAwait(false);
                Interlocked.Increment(ref _framesReceived);
                if (buffer.WrittenCount > 0 && buffer.WrittenSpan[0] == (byte)'[')
                {
                    Interlocked.Increment(ref _arrayFramesReceived);
                }
                foreach (var message in messages)
                {
                    Dispatch(session, message);
                }

                if (buffer.Capacity > KeepBufferBytes)
                {
                    buffer = new ArrayBufferWriter<byte>(64 * 1024);
                }
            }
        }
        catch (JsonException ex)
        {
            _logger.LogError("Home Assistant sent malformed JSON ({Error}); reconnecting.", ex.Message);
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

        await CloseSessionAsync(session, reason).ConfigureAwait(false);
        return session.CloseReason ?? reason;
    }

    private async Task<IReadOnlyList<HassMessage>> ReceiveMessagesAsync(WebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.GetMemory(ReceiveChunk), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new HassConnectionException($"Home Assistant closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription}).");
            }

            buffer.Advance(result.Count);
        }
        while (!result.EndOfMessage);

        if (result.MessageType != WebSocketMessageType.Text)
        {
            throw new JsonException("Home Assistant sent a binary frame.");
        }

        try
        {
            return HassJson.ParseFrame(buffer.WrittenSpan);
        }
        catch (JsonException ex)
        {
            var length = Math.Min(buffer.WrittenCount, 200);
            throw new JsonException($"{ex.Message} Frame of {buffer.WrittenCount} bytes starting with: {Encoding.UTF8.GetString(buffer.WrittenSpan[..length])}", ex);
        }
    }

    private void Dispatch(HassSession session, HassMessage message)
    {
        switch (message.Type)
        {
            case "result":
            case "pong":
                if (message.Id is { } id && session.Pending.TryRemove(id, out var completion))
                {
                    completion.TrySetResult(message);
                }
                else
                {
                    _logger.LogDebug("Home Assistant sent a {Type} for unknown id {Id}.", message.Type, message.Id);
                }

                break;
            case "event":
                if (message.Id is { } subscriptionId && session.Subscriptions.TryGetValue(subscriptionId, out var subscription) && message.Event is { } ev)
                {
                    try
                    {
                        subscription.Deliver(ev);
                    }
                    catch (Exception ex)
                    {
                        _logger.LogError(ex, "Handler of Home Assistant subscription {Type} (id {Id}) threw {ExceptionType}: {Message}", subscription.Type, subscriptionId, ex.GetType().Name, ex.Message);
                    }
                }

                break;
            default:
                _logger.LogDebug("Ignoring Home Assistant message of type {Type}.", message.Type);
                break;
        }
    }

    private async Task HeartbeatAsync(HassSession session)
    {
        try
        {
            while (!session.IsClosed)
            {
                await Task.Delay(_options.PingInterval, _time, session.ClosingToken).ConfigureAwait(false);
                await SendAndWaitAsync(session, "ping", null, null, _options.PongTimeout, session.ClosingToken).ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Home Assistant did not answer ping within {Timeout} s; reconnecting.", _options.PongTimeout.TotalSeconds);
            await CloseSessionAsync(session, new HassConnectionException($"Home Assistant did not answer ping within {_options.PongTimeout.TotalSeconds} s.")).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HassConnectionException)
        {
            // The session ended.
        }
    }

    /// <summary>Ends a session once: aborts the socket and fails every pending command at once.</summary>
    private async Task CloseSessionAsync(HassSession session, Exception reason)
    {
        if (!session.TryMarkClosed())
        {
            return;
        }

        session.CloseReason = reason;
        session.Socket.Abort();

        // Senders hold the lock only while writing, and the abort makes a blocked write fail at once.
        await session.SendLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var failure = reason as HassConnectionException ?? new HassConnectionException($"The connection to Home Assistant was lost: {reason.Message}", reason);
            foreach (var id in session.Pending.Keys.ToArray())
            {
                if (session.Pending.TryRemove(id, out var completion))
                {
                    completion.TrySetException(failure);
                }
            }
        }
        finally
        {
            session.SendLock.Release();
        }

        // After the pending commands failed, so their waiters see the real reason rather than a cancellation.
        await session.CancelAsync().ConfigureAwait(false);
        foreach (var subscription in session.Subscriptions.Values)
        {
            subscription.CurrentId = null;
        }

        session.Subscriptions.Clear();
    }

    private TimeSpan Backoff(int attempt)
        => ComputeBackoff(attempt, _options.ReconnectMinDelay, _options.ReconnectMaxDelay, Random.Shared.NextDouble());

    /// <summary>min·2^attempt, capped at max, with ±20% jitter (<paramref name="unit"/> in [0,1)), never above max.</summary>
    internal static TimeSpan ComputeBackoff(int attempt, TimeSpan minDelay, TimeSpan maxDelay, double unit)
    {
        var min = minDelay.TotalMilliseconds;
        var max = Math.Max(min, maxDelay.TotalMilliseconds);
        var exponential = Math.Min(max, min * Math.Pow(2, Math.Clamp(attempt, 0, 30)));
        var jittered = exponential * (0.8 + (unit * 0.4));
        return TimeSpan.FromMilliseconds(Math.Min(max, jittered));
    }

    private void SetState(HassConnectionState state, Exception? error, TimeSpan? retryIn)
    {
        _state = state;
        try
        {
            StateChanged?.Invoke(this, new HassConnectionStateChangedEventArgs(state, error, retryIn));
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A Home Assistant connection state handler threw {ExceptionType}: {Message}", ex.GetType().Name, ex.Message);
        }
    }

    private static JsonElement Fields(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
