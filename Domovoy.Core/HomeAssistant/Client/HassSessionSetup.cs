using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Domovoy.Abstractions;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// Brings a connection to Ready: the auth handshake, then <c>supported_features</c>, re-issuing subscriptions,
/// <c>get_config</c> (waiting for <c>homeassistant_started</c> while Home Assistant is starting) and the session
/// initializers (the state cache's re-fetch, the reported location). A step that fails for any reason other than the
/// connection itself is logged once and skipped: retrying it by reconnecting would fail the same way forever.
/// </summary>
internal sealed class HassSessionSetup
{
    private readonly HassClientOptions _options;
    private readonly HassSubscriptionRegistry _subscriptions;
    private readonly ILogger _logger;
    private readonly List<SessionInitializer> _initializers = [];
    private readonly ConcurrentDictionary<string, byte> _reportedFailures = new();

    public HassSessionSetup(HassClientOptions options, HassSubscriptionRegistry subscriptions, ILogger logger)
    {
        _options = options;
        _subscriptions = subscriptions;
        _logger = logger;
    }

    /// <summary>Home Assistant's version from the last handshake.</summary>
    public string? HaVersion { get; private set; }

    /// <summary>The last <c>get_config</c> result.</summary>
    public JsonElement? Config { get; private set; }

    /// <summary>Adds a step run after every (re)connect, after subscriptions are re-issued and before Ready.</summary>
    public void AddInitializer(string name, Func<HassSession, CancellationToken, Task> initializer)
    {
        lock (_initializers)
        {
            _initializers.Add(new SessionInitializer(name, initializer));
        }
    }

    /// <summary>Answers <c>auth_required</c> with the token.</summary>
    /// <exception cref="HassAuthenticationException">The token was rejected.</exception>
    /// <exception cref="HassConnectionException">The server did not follow the handshake.</exception>
    public async Task AuthenticateAsync(WebSocket socket, HassFrameReader reader, CancellationToken cancellationToken)
    {
        var first = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
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
        var reply = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
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

                throw new HassAuthenticationException(reply[0].Message, _options.TokenSource);
            default:
                throw new HassConnectionException($"Expected auth_ok or auth_invalid from Home Assistant, got '{type}'.");
        }
    }

    /// <summary>Runs the steps after auth; throws only when the connection fails (or the client stops).</summary>
    /// <param name="session">The authenticated connection.</param>
    /// <param name="reader">Its read loop, which completes with the reason when the connection ends.</param>
    /// <param name="setState">Reports Synchronizing / WaitingForStart.</param>
    public async Task SetUpAsync(HassSession session, Task<Exception> reader, Action<HassConnectionState> setState)
    {
        var stopping = session.ClosingToken;
        if (HassVersion.AtLeast(HaVersion, 2022, 9))
        {
            await TryStepAsync("supported_features (message coalescing)", () => session.SendCommandAsync("supported_features", Fields("{\"features\":{\"coalesce_messages\":1}}"), null, stopping)).ConfigureAwait(false);
        }

        setState(HassConnectionState.Synchronizing);

        // Pipelined: ids and sends stay ordered under the send lock; the results are awaited together.
        await _subscriptions.ReissueAllAsync(session, stopping).ConfigureAwait(false);
        if (!await IsRunningAsync(session, stopping).ConfigureAwait(false))
        {
            await WaitForStartAsync(session, reader, setState).ConfigureAwait(false);
        }

        SessionInitializer[] initializers;
        lock (_initializers)
        {
            initializers = [.. _initializers];
        }

        foreach (var initializer in initializers)
        {
            await TryStepAsync(initializer.Name, () => initializer.Run(session, stopping)).ConfigureAwait(false);
        }
    }

    private async Task WaitForStartAsync(HassSession session, Task<Exception> reader, Action<HassConnectionState> setState)
    {
        var stopping = session.ClosingToken;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var temporary = new HassSubscription("subscribe_events", HassCommandBuilder.SubscribeEvents("homeassistant_started"), _ => started.TrySetResult(), static (_, _) => Task.CompletedTask);
        await _subscriptions.IssueAsync(session, temporary, stopping).ConfigureAwait(false);
        if (!await IsRunningAsync(session, stopping).ConfigureAwait(false))
        {
            setState(HassConnectionState.WaitingForStart);
            HassClientLog.WaitingForStart(_logger);
            await Task.WhenAny(started.Task, reader).WaitAsync(stopping).ConfigureAwait(false);
            if (!started.Task.IsCompleted)
            {
                throw await reader.ConfigureAwait(false);
            }

            await IsRunningAsync(session, stopping).ConfigureAwait(false);
            setState(HassConnectionState.Synchronizing);
        }

        await _subscriptions.UnsubscribeAsync(session, temporary, stopping).ConfigureAwait(false);
    }

    /// <summary>Fetches get_config; an unreadable or rejected answer counts as RUNNING (nothing to wait for).</summary>
    private async Task<bool> IsRunningAsync(HassSession session, CancellationToken cancellationToken)
    {
        var running = true;
        await TryStepAsync("get_config", async () =>
        {
            var config = await session.SendCommandAsync("get_config", null, null, cancellationToken).ConfigureAwait(false);
            Config = config;
            running = config.ValueKind != JsonValueKind.Object
                || !config.TryGetProperty("state", out var state)
                || state.ValueKind != JsonValueKind.String
                || state.GetString() == "RUNNING";
        }).ConfigureAwait(false);
        return running;
    }

    private async Task TryStepAsync(string step, Func<Task> run)
    {
        try
        {
            await run().ConfigureAwait(false);
        }
        catch (Exception ex) when (!HassSubscriptionRegistry.IsConnectionFailure(ex))
        {
            // Same step, same failure: one line, not one per reconnect.
            if (_reportedFailures.TryAdd($"{step}\n{ex.GetType().FullName}\n{ex.Message}", 0))
            {
                HassClientLog.SetupStepFailed(_logger, step, $"{ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private static JsonElement Fields(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    private sealed record SessionInitializer(string Name, Func<HassSession, CancellationToken, Task> Run);
}
