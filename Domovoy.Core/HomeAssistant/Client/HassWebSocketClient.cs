using System.Net.WebSockets;
using System.Text.Json;
using Domovoy.Abstractions;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// The connection to Home Assistant's WebSocket API, composed of small parts: <see cref="HassSession"/> (one
/// connection: sends, read loop, heartbeat), <see cref="HassSessionSetup"/> (auth, start wait, initializers),
/// <see cref="HassSubscriptionRegistry"/> (subscriptions across reconnects), <see cref="HassCommandCorrelator"/>
/// (results by id), <see cref="HassReconnectPolicy"/> (backoff) and <see cref="HassReadySession"/> (commands wait for
/// a connection). This type runs the reconnect loop and is the surface the rest of Core uses.
/// </summary>
internal sealed class HassWebSocketClient
{
    private readonly HassClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HassSubscriptionRegistry _subscriptions;
    private readonly HassSessionSetup _setup;
    private readonly HassReadySession _readySession = new();
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
        _subscriptions = new HassSubscriptionRegistry(logger);
        _setup = new HassSessionSetup(options, _subscriptions, logger);
    }

    /// <summary>Raised on every connection state change (on the connection loop's thread; handlers must not block).</summary>
    public event EventHandler<HassConnectionStateChangedEventArgs>? StateChanged;

    public HassConnectionState State => _state;

    /// <summary>Completes at the first successful synchronization; faults with <see cref="HassAuthenticationException"/> on a bad token.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Home Assistant's version from the last handshake.</summary>
    public string? HaVersion => _setup.HaVersion;

    /// <summary>The last <c>get_config</c> result.</summary>
    public JsonElement? Config => _setup.Config;

    /// <summary>How many connections reached <see cref="HassConnectionState.Ready"/>.</summary>
    public long ReadyCount => Interlocked.Read(ref _readyCount);

    /// <summary>Frames received in the command phase (diagnostics).</summary>
    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Coalesced (JSON array) frames received (diagnostics).</summary>
    public long ArrayFramesReceived => Interlocked.Read(ref _arrayFramesReceived);

    /// <summary>
    /// Adds a step run after every (re)connect, after subscriptions are re-issued and before Ready. It sends on the
    /// connection being set up (<see cref="HassSession.SendCommandAsync"/>). If it fails for a reason other than the
    /// connection, the failure is logged once and the connection still becomes Ready.
    /// </summary>
    public void AddSessionInitializer(string name, Func<HassSession, CancellationToken, Task> initializer)
        => _setup.AddInitializer(name, initializer);

    /// <summary>
    /// Connects and keeps reconnecting until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <exception cref="HassAuthenticationException">The token was rejected (never retried; logged by the caller).</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("The Home Assistant client is already running.");
        }

        if (_options.SendsTokenInClear)
        {
            HassClientLog.TokenInClear(_logger, _options.GetWebSocketUri(), _options.TokenSource);
        }

        var policy = new HassReconnectPolicy(_options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        Exception stopReason = new HassConnectionException("The Home Assistant client has stopped.");
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
                    // Logged here, once: the token is never retried, so there is no reconnect to repeat it.
                    HassClientLog.AuthenticationFailed(_logger, ex.Message);
                    stopReason = new HassConnectionException($"The Home Assistant client has stopped: {ex.Message}", ex);
                    _ready.TrySetException(ex);
                    SetState(HassConnectionState.Stopped, ex, null);
                    throw;
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

                var delay = policy.NextDelay(reachedReady);
                var reason = error is HassSessionEndedException { InnerException: { } inner } ? inner : error;
                HassClientLog.ConnectionLost(_logger, reason?.Message ?? "closed", delay.TotalSeconds);
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
            _readySession.Stop(stopReason);
            _ready.TrySetCanceled(cancellationToken.IsCancellationRequested ? cancellationToken : new CancellationToken(true));
            if (_state != HassConnectionState.Stopped)
            {
                SetState(HassConnectionState.Stopped, null, null);
            }
        }
    }

    /// <summary>
    /// Sends a command once and returns its <c>result</c>. While disconnected (or still synchronizing) it first waits
    /// for the connection, up to <paramref name="connectionWaitTimeout"/>. A command in flight when the connection
    /// drops is not sent again (at most once: Home Assistant may have executed it).
    /// </summary>
    /// <param name="type">The command type.</param>
    /// <param name="fields">An object whose members are added to the command, or null.</param>
    /// <param name="timeout">The result timeout once sent; default <see cref="HassClientOptions.CommandTimeout"/>.</param>
    /// <param name="connectionWaitTimeout">How long to wait for a connection; default <see cref="HassClientOptions.ConnectionWaitTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <exception cref="HassCommandException">success:false.</exception>
    /// <exception cref="HassConnectionException">No connection within the wait, or lost while the command was in flight (it may have run).</exception>
    /// <exception cref="TimeoutException">No result in time.</exception>
    public async Task<JsonElement> SendCommandAsync(string type, JsonElement? fields = null, TimeSpan? timeout = null, TimeSpan? connectionWaitTimeout = null, CancellationToken cancellationToken = default)
    {
        var wait = connectionWaitTimeout ?? _options.ConnectionWaitTimeout;
        var started = _time.GetTimestamp();
        while (true)
        {
            var remaining = wait == Timeout.InfiniteTimeSpan ? wait : wait - _time.GetElapsedTime(started);
            var session = await _readySession.WaitAsync(remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining, _time, cancellationToken).ConfigureAwait(false);
            try
            {
                return await session.SendCommandAsync(type, fields, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (HassCommandNotSentException)
            {
                // The connection closed before the command went out: wait for the next one.
                await session.Closed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Adds a subscription definition and issues it now when connected (otherwise at the next connect). Its events reach
    /// <paramref name="onEvent"/> on the reader thread, across reconnects, until it is unsubscribed.
    /// </summary>
    /// <exception cref="HassCommandException">Home Assistant rejected the subscription (the definition is dropped).</exception>
    public async Task<HassSubscription> SubscribeAsync(string type, JsonElement? fields, Action<JsonElement> onEvent, CancellationToken cancellationToken = default)
    {
        var subscription = new HassSubscription(type, fields, onEvent, UnsubscribeAsync);
        await _subscriptions.SubscribeAsync(Volatile.Read(ref _session), subscription, cancellationToken).ConfigureAwait(false);
        return subscription;
    }

    /// <summary>
    /// Adds a subscription definition without waiting: it is issued at the next connect (call before <see cref="RunAsync"/>
    /// for subscriptions that must be live before Ready), or in the background when already connected.
    /// </summary>
    /// <param name="type">The subscribe command, e.g. <c>subscribe_events</c>.</param>
    /// <param name="fields">Its members, or null.</param>
    /// <param name="onEvent">Receives each event payload on the reader thread.</param>
    /// <param name="borrowsEvent">True when <paramref name="onEvent"/> neither keeps the payload nor hands it to another thread (it then gets no copy).</param>
    public HassSubscription AddSubscription(string type, JsonElement? fields, Action<JsonElement> onEvent, bool borrowsEvent = false)
    {
        var subscription = new HassSubscription(type, fields, onEvent, UnsubscribeAsync, borrowsEvent);
        _subscriptions.SubscribeInBackground(Volatile.Read(ref _session), subscription);
        return subscription;
    }

    /// <summary>Removes a subscription definition and sends <c>unsubscribe_events</c> when it is live.</summary>
    public Task UnsubscribeAsync(HassSubscription subscription, CancellationToken cancellationToken = default)
        => _subscriptions.UnsubscribeAsync(Volatile.Read(ref _session), subscription, cancellationToken);

    /// <summary>Runs one connection until it ends; always ends by throwing (<see cref="HassSessionEndedException"/> once connected).</summary>
    private async Task RunSessionAsync(CancellationToken cancellationToken)
    {
        SetState(HassConnectionState.Connecting, null, null);
        var uri = _options.GetWebSocketUri();
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        var frames = new HassFrameReader(socket, _options.MaxMessageBytes, _logger);
        HassSession? session = null;
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(_options.AuthTimeout);
                try
                {
                    await socket.ConnectAsync(uri, connectTimeout.Token).ConfigureAwait(false);
                    await _setup.AuthenticateAsync(socket, frames, connectTimeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new HassConnectionException($"Connecting to Home Assistant at {uri} timed out after {_options.AuthTimeout.TotalSeconds} s.");
                }
            }

            session = new HassSession(socket, frames, Interlocked.Increment(ref _sessionCounter), _options, _time, _logger, cancellationToken);
            Volatile.Write(ref _session, session);
            var reader = Task.Run(() => session.ReadLoopAsync(_subscriptions.Deliver, CountFrame), CancellationToken.None);
            var heartbeat = Task.Run(session.HeartbeatAsync, CancellationToken.None);
            var reachedReady = false;
            try
            {
                await _setup.SetUpAsync(session, reader, state => SetState(state, null, null)).ConfigureAwait(false);
                reachedReady = true;
                Interlocked.Increment(ref _readyCount);

                // Open before reporting Ready, so whoever reacts to Ready finds the connection usable.
                _readySession.Open(session);
                SetState(HassConnectionState.Ready, null, null);
                HassClientLog.Connected(_logger, HaVersion, uri);
                _ready.TrySetResult();
                var ended = await reader.ConfigureAwait(false);
                throw new HassSessionEndedException(true, ended);
            }
            catch (Exception ex) when (ex is not HassSessionEndedException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // Setup failed on the connection (a lost socket or a command timeout): end the session and report why.
                await session.CloseAsync(ex).ConfigureAwait(false);
                throw new HassSessionEndedException(reachedReady, session.CloseReason ?? ex);
            }
            finally
            {
                await session.CloseAsync(new HassConnectionException("The Home Assistant client is stopping.")).ConfigureAwait(false);
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

    private void CountFrame(bool coalesced)
    {
        Interlocked.Increment(ref _framesReceived);
        if (coalesced)
        {
            Interlocked.Increment(ref _arrayFramesReceived);
        }
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
            HassClientLog.StateHandlerThrew(_logger, ex, ex.GetType().Name, ex.Message);
        }
    }
}
