using System.Text.Json.Nodes;
using Domovoy.Simulator.Hosting;
using Domovoy.Simulator.Json;
using Domovoy.Simulator.Registry;
using Domovoy.Simulator.Services;
using Domovoy.Simulator.States;
using Domovoy.Simulator.WebSockets;

namespace Domovoy.Simulator;

/// <summary>
/// A protocol-faithful Home Assistant (WebSocket API + REST) on 127.0.0.1, for tests and local development.
/// Timestamps come from <see cref="SimulatorOptions.TimeProvider"/>; waits (restart downtime, result delay,
/// the 10 s auth timeout) are wall-clock so a frozen fake clock cannot hang a test.
/// </summary>
public sealed class HomeAssistantSimulator : IAsyncDisposable
{
    private static readonly TimeSpan GracefulCloseTimeout = TimeSpan.FromSeconds(5);

    private readonly SimulatorCore _core;
    private readonly ConnectionManager _connections;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private SimulatorServer? _server;
    private int _port;

    private HomeAssistantSimulator(SimulatorCore core)
    {
        _core = core;
        _connections = new ConnectionManager(core);
        _core.RestartRequested = () => _ = Task.Run(RestartFromServiceAsync);
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{_port}/");

    /// <summary>ws://127.0.0.1:PORT/api/websocket</summary>
    public Uri WebSocketUri => new($"ws://127.0.0.1:{_port}/api/websocket");

    public string AccessToken => _core.Options.AccessToken;

    /// <summary>Delay applied to every command reply (result, error or pong); events are not delayed.</summary>
    public TimeSpan ResultDelay
    {
        get => _connections.ResultDelay;
        set => _connections.ResultDelay = value;
    }

    /// <summary>Open WebSocket connections (authenticated or not).</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Open WebSocket connections that completed auth.</summary>
    public int AuthenticatedConnectionCount => _connections.AuthenticatedCount;

    /// <summary>Auth attempts with a wrong token (what core's process_wrong_login counts).</summary>
    public int FailedLogins
    {
        get
        {
            lock (_core.Gate)
            {
                return _connections.FailedLogins;
            }
        }
    }

    /// <summary>Command-phase messages received (each element of an array frame counts).</summary>
    public long CommandsReceived
    {
        get
        {
            lock (_core.Gate)
            {
                return _connections.CommandsReceived;
            }
        }
    }

    /// <summary>The "type" of every command received, in arrival order, across connections.</summary>
    public IReadOnlyList<string> ReceivedCommandTypes => _connections.CommandTypes;

    /// <summary>Every call_service command received, as JSON text in its original key order (non-ASCII kept raw).</summary>
    public IReadOnlyList<string> ReceivedServiceCalls => _connections.ServiceCalls;

    /// <summary>Warnings the servents integration logged (type conflicts, update_state for unknown ids).</summary>
    public IReadOnlyList<string> ServentWarnings
    {
        get
        {
            lock (_core.Gate)
            {
                return _core.Servents.Warnings;
            }
        }
    }

    /// <summary>While on, servents.create_entity registers new entities but never adds them to the state machine (to test creation timeouts).</summary>
    public void HoldServentEntities(bool on)
    {
        lock (_core.Gate)
        {
            _core.Servents.HoldAdds = on;
        }
    }

    /// <summary>The entity_id of the live servents entity <paramref name="serventId"/>, or null.</summary>
    public string? GetServentEntityId(string serventId)
    {
        lock (_core.Gate)
        {
            return _core.Servents.Find(serventId)?.EntityId;
        }
    }

    /// <summary>The entity registry list (config/entity_registry/list) as JSON text.</summary>
    public string GetEntityRegistryJson()
    {
        lock (_core.Gate)
        {
            return HaJson.Serialize(new JsonArray(_core.Registry.Entities.Select(e => (JsonNode?)e.DeepClone()).ToArray()));
        }
    }

    /// <summary>Completes once <paramref name="entityId"/> has a state satisfying <paramref name="condition"/> (the state text).</summary>
    public Task WaitForStateAsync(string entityId, Func<string?, bool> condition, CancellationToken ct = default) =>
        _core.WaitUntilAsync(() => condition(_core.States.Get(entityId)?.State), ct);

    /// <summary>get_config "state" (NOT_RUNNING, STARTING, RUNNING, STOPPING, ...). Settable for tests.</summary>
    public string CoreState
    {
        get
        {
            lock (_core.Gate)
            {
                return _core.CoreState;
            }
        }

        set
        {
            lock (_core.Gate)
            {
                _core.CoreState = value;
            }

            _core.Pulse();
        }
    }

    public static async Task<HomeAssistantSimulator> StartAsync(SimulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.AccessToken);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        var core = new SimulatorCore(options);
        List<SeedState> seeds;
        if (options.EntitiesFile is { } file)
        {
            (seeds, var services) = await EntitiesFileLoader.LoadAsync(file, ct).ConfigureAwait(false);
            DemoHome.RegisterPlain(core.Registry, seeds);
            foreach (var service in services)
            {
                core.Services.Register(new ServiceDefinition(service.Domain, service.Service, call => call.ReturnResponse ? new JsonObject { ["data"] = call.Data.DeepClone() } : null)
                {
                    Name = service.Name,
                    Description = service.Description,
                    EntityDomain = service.TargetDomain,
                    Fields = service.Fields,
                    SupportsResponse = service.Response switch { "only" => SupportsResponse.Only, "optional" => SupportsResponse.Optional, _ => SupportsResponse.None },
                });
            }
        }
        else
        {
            seeds = DemoHome.Build(core.Registry, core.Now());
        }

        lock (core.Gate)
        {
            foreach (var seed in seeds)
            {
                core.States.Set(seed.EntityId, seed.State, seed.Attributes);
            }
        }

        var simulator = new HomeAssistantSimulator(core);
        simulator._server = await SimulatorServer.StartAsync(core, simulator._connections, options.Port, ct).ConfigureAwait(false);
        simulator._port = simulator._server.Port;
        return simulator;
    }

    /// <summary>
    /// Writes a state like core's async_set (state_changed only when state or attributes differ).
    /// Null <paramref name="attributes"/> keeps the entity's current attributes.
    /// </summary>
    public Task SetStateAsync(string entityId, string state, IDictionary<string, object?>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        ArgumentNullException.ThrowIfNull(state);
        lock (_core.Gate)
        {
            var current = attributes is null ? _core.States.Get(entityId)?.Attributes : HaJson.ToObject(attributes);
            _core.States.Set(entityId, state, current);
        }

        return Task.CompletedTask;
    }

    /// <summary>Removes an entity's state (state_changed with new_state null).</summary>
    public Task RemoveStateAsync(string entityId)
    {
        lock (_core.Gate)
        {
            _core.States.Remove(entityId);
        }

        return Task.CompletedTask;
    }

    /// <summary>Fires an event on the bus; <paramref name="data"/> must serialize to a JSON object (or be null).</summary>
    public Task FireEventAsync(string eventType, object? data = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        var payload = HaJson.FromObject(data);
        if (payload is not (null or JsonObject))
        {
            throw new ArgumentException("Event data must be a JSON object.", nameof(data));
        }

        lock (_core.Gate)
        {
            _core.Fire(eventType, (JsonObject?)payload);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// homeassistant_stop, close every socket, refuse connections for <paramref name="downtime"/>, come back with
    /// get_config state STARTING, then (after <see cref="SimulatorOptions.StartingPhase"/>) fire homeassistant_start,
    /// switch to RUNNING and fire homeassistant_started. Completes when RUNNING again.
    /// </summary>
    public async Task RestartAsync(TimeSpan downtime, CancellationToken ct = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposed.Token);
        await _lifecycle.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            await ShutDownCoreAsync(linked.Token).ConfigureAwait(false);
            await Task.Delay(downtime, linked.Token).ConfigureAwait(false);
            CoreState = "STARTING";
            _server = await StartServerWithRetryAsync(linked.Token).ConfigureAwait(false);
            await Task.Delay(_core.Options.StartingPhase, linked.Token).ConfigureAwait(false);
            BecomeRunning();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// The first half of a restart with the timing under the caller's control: homeassistant_stop, every socket closed,
    /// no listener, the integration's entities reduced to restored placeholders, get_config NOT_RUNNING. States written
    /// meanwhile (<see cref="SetStateAsync"/>) reach clients only through get_states after they reconnect, as in a real
    /// restart. Follow with <see cref="StartUpAsync"/>.
    /// </summary>
    public async Task ShutDownAsync(CancellationToken ct = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposed.Token);
        await _lifecycle.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            await ShutDownCoreAsync(linked.Token).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// The second half of a restart begun with <see cref="ShutDownAsync"/>: listens again (same port) with the given
    /// reconnect <paramref name="timing"/>. With <see cref="ReconnectTiming.WhileStarting"/>,
    /// <paramref name="whileStarting"/> runs once a client is connected and has seen STARTING, before RUNNING. Completes
    /// when RUNNING and listening.
    /// </summary>
    /// <exception cref="InvalidOperationException">The simulator is not shut down.</exception>
    public async Task StartUpAsync(ReconnectTiming timing, Func<Task>? whileStarting = null, CancellationToken ct = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposed.Token);
        await _lifecycle.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            if (_server is not null)
            {
                throw new InvalidOperationException("StartUpAsync follows ShutDownAsync; the simulator is already listening.");
            }

            if (timing == ReconnectTiming.AfterRunning)
            {
                CoreState = "STARTING";
                BecomeRunning();
                _server = await StartServerWithRetryAsync(linked.Token).ConfigureAwait(false);
                return;
            }

            var configsBefore = _connections.CountCommands("get_config");
            CoreState = "STARTING";
            _server = await StartServerWithRetryAsync(linked.Token).ConfigureAwait(false);

            // get_config is answered under the core's gate, so once it is counted the reply says STARTING.
            await _core.WaitUntilAsync(() => _connections.CountCommands("get_config") > configsBefore, linked.Token).ConfigureAwait(false);
            if (whileStarting is not null)
            {
                await whileStarting().ConfigureAwait(false);
            }

            BecomeRunning();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Aborts every socket abruptly: no close frame, the TCP connection is reset.</summary>
    public void DropConnections()
    {
        foreach (var connection in _connections.Snapshot())
        {
            connection.Abort();
        }
    }

    /// <summary>While on, no command ever gets a reply (result, error or pong), to exercise client timeouts.</summary>
    public void WithholdResults(bool on) => _connections.WithholdResults = on;

    /// <summary>
    /// Makes every connection's outgoing queue hit 4096 pending messages, so it is closed like a stuck client.
    /// Completes once the close frames have been sent.
    /// </summary>
    public async Task ForceSlowConsumerDisconnectAsync()
    {
        var victims = _connections.Snapshot();
        foreach (var connection in victims)
        {
            connection.TripSlowConsumer();
        }

        // Like HA, the close frame goes out right away; the client completes the handshake when it next reads.
        await Task.WhenAll(victims.Select(v => v.WriterStopped)).WaitAsync(_disposed.Token).ConfigureAwait(false);
    }

    /// <summary>Queues a raw text frame (e.g. malformed JSON) to every connected client, after what is already queued.</summary>
    public Task SendRawTextAsync(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var connection in _connections.Snapshot())
        {
            connection.Enqueue(text);
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes once at least <paramref name="occurrence"/> commands of <paramref name="type"/> have arrived in total.</summary>
    public Task WaitForCommandAsync(string type, CancellationToken ct = default) => WaitForCommandAsync(type, 1, ct);

    /// <inheritdoc cref="WaitForCommandAsync(string, CancellationToken)"/>
    public Task WaitForCommandAsync(string type, int occurrence, CancellationToken ct = default) =>
        _core.WaitUntilAsync(() => _connections.CountCommands(type) >= occurrence, ct);

    /// <summary>Completes once exactly <paramref name="count"/> WebSocket connections are open.</summary>
    public Task WaitForConnectionCountAsync(int count, CancellationToken ct = default) =>
        _core.WaitUntilAsync(() => _connections.Count == count, ct);

    /// <summary>Completes once exactly <paramref name="count"/> connections have completed auth.</summary>
    public Task WaitForAuthenticatedConnectionsAsync(int count, CancellationToken ct = default) =>
        _core.WaitUntilAsync(() => _connections.AuthenticatedCount == count, ct);

    /// <summary>Completes once get_config would report <paramref name="state"/> (e.g. NOT_RUNNING while down during a restart).</summary>
    public Task WaitForCoreStateAsync(string state, CancellationToken ct = default) =>
        _core.WaitUntilAsync(() => _core.CoreState == state, ct);

    /// <summary>Clears <see cref="ReceivedCommandTypes"/>, <see cref="CommandsReceived"/> and <see cref="FailedLogins"/>.</summary>
    public void ResetCounters() => _connections.ResetCounters();

    /// <summary>The state string of an entity, or null when it does not exist.</summary>
    public string? GetState(string entityId)
    {
        lock (_core.Gate)
        {
            return _core.States.Get(entityId)?.State;
        }
    }

    /// <summary>One entity's full state JSON (as get_states returns it), or null.</summary>
    public string? GetStateJson(string entityId)
    {
        lock (_core.Gate)
        {
            return _core.States.Get(entityId) is { } state ? HaJson.Serialize(state.ToJson()) : null;
        }
    }

    /// <summary>All states as the JSON array get_states returns.</summary>
    public string GetStatesJson()
    {
        lock (_core.Gate)
        {
            return HaJson.Serialize(new JsonArray(_core.States.All.Select(s => (JsonNode?)s.ToJson()).ToArray()));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        await _lifecycle.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_server is { } server)
            {
                _server = null;
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _lifecycle.Release();
            _disposed.Dispose();
        }
    }

    private async Task RestartFromServiceAsync()
    {
        try
        {
            await RestartAsync(_core.Options.ServiceRestartDowntime, _disposed.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Disposed mid-restart.
        }
    }

    private async Task ShutDownCoreAsync(CancellationToken ct)
    {
        lock (_core.Gate)
        {
            _core.CoreState = "STOPPING";
            _core.Pulse();
            _core.Fire("homeassistant_stop");
            foreach (var connection in _connections.Snapshot())
            {
                connection.Close();
            }
        }

        try
        {
            await _core.WaitUntilAsync(() => _connections.Count == 0, ct).WaitAsync(GracefulCloseTimeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A client that never answers the close frame is cut off, as aiohttp does.
        }

        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync().ConfigureAwait(false);
        }

        lock (_core.Gate)
        {
            // The integration's live entities die with the process; the restart leaves restored placeholders.
            _core.Servents.OnRestart();
        }

        CoreState = "NOT_RUNNING";
    }

    private void BecomeRunning()
    {
        lock (_core.Gate)
        {
            _core.Fire("homeassistant_start");
            _core.CoreState = "RUNNING";
            _core.Fire("homeassistant_started");
        }

        _core.Pulse();
    }

    private async Task<SimulatorServer> StartServerWithRetryAsync(CancellationToken ct)
    {
        // The port may linger briefly after the previous listener closed; keep the same port so clients can reconnect.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SimulatorServer.StartAsync(_core, _connections, _port, ct).ConfigureAwait(false);
            }
            catch (IOException) when (attempt < 50)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct).ConfigureAwait(false);
            }
        }
    }
}
