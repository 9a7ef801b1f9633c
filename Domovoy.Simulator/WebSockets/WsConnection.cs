using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Domovoy.Simulator.Json;
using Microsoft.AspNetCore.Http;

namespace Domovoy.Simulator.WebSockets;

/// <summary>
/// One client socket, modelled on websocket_api/http.py: auth phase, then the command phase with a single writer
/// draining a per-connection queue (coalesced into JSON arrays when the client asked for it).
/// </summary>
internal sealed class WsConnection
{
    // websocket_api/const.py
    private const int MaxPendingMessages = 4096;
    private const int PendingMessagesPeak = 1024;
    private static readonly TimeSpan PendingMessagesPeakTime = TimeSpan.FromSeconds(10);
    private const int MaxCoalescedBatch = 256;
    private const int MaxIncomingBytes = 4 * 1024 * 1024;
    // aiohttp's close() waits this long for the peer's close frame before dropping the connection.
    private static readonly TimeSpan PeerCloseTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpContext _http;
    private readonly WebSocket _socket;
    private readonly ConnectionManager _manager;
    private readonly SimulatorCore _core;
    private readonly Queue<string> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CommandHandlers _commands;
    private bool _completed;
    private bool _paused;
    private bool _closing;
    private Task<byte[]?>? _pendingReceive;
    private volatile bool _finished;
    private ITimer? _peakChecker;
    private readonly TaskCompletionSource _writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WsConnection(HttpContext http, WebSocket socket, ConnectionManager manager)
    {
        _http = http;
        _socket = socket;
        _manager = manager;
        _core = manager.Core;
        _commands = new CommandHandlers(this, _core);
    }

    public bool IsAuthenticated { get; private set; }

    /// <summary>Completes when the writer stopped: after the close frame went out, or the socket broke.</summary>
    public Task WriterStopped => _writerDone.Task;

    public bool Coalesce { get; set; }

    public int LastId { get; set; }

    /// <summary>Active subscriptions by id; disposing one detaches its bus listener. Guarded by the gate.</summary>
    public Dictionary<int, IDisposable> Subscriptions { get; } = [];

    public ConnectionManager Manager => _manager;

    /// <summary>True once the connection stopped accepting messages (read under the gate).</summary>
    public bool IsClosing => _closing;

    /// <summary>Sends one message, as fragments of <see cref="SimulatorOptions.MaxFragmentBytes"/> when that is set.</summary>
    private async Task SendFragmentedAsync(ReadOnlyMemory<byte> utf8, CancellationToken ct)
    {
        var fragment = _core.Options.MaxFragmentBytes is { } max and > 0 ? max : utf8.Length;
        do
        {
            var length = Math.Min(fragment, utf8.Length);
            await _socket.SendAsync(utf8[..length], WebSocketMessageType.Text, length == utf8.Length, ct).ConfigureAwait(false);
            utf8 = utf8[length..];
        }
        while (!utf8.IsEmpty);
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping, _http.RequestAborted);
        var writer = Task.Run(() => WriteLoopAsync(cts.Token), CancellationToken.None);
        try
        {
            Send(new JsonObject { ["type"] = "auth_required", ["ha_version"] = _core.Options.HaVersion });
            if (await AuthenticateAsync(cts.Token).ConfigureAwait(false))
            {
                await ReadLoopAsync(cts.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            // Aborted by the peer, DropConnections or shutdown: nothing left to say.
        }
        finally
        {
            lock (_core.Gate)
            {
                foreach (var subscription in Subscriptions.Values)
                {
                    subscription.Dispose();
                }

                Subscriptions.Clear();
                CompleteLocked();
            }

            await FinishCloseHandshakeAsync(writer).ConfigureAwait(false);
            _finished = true;
            _manager.Remove(this);
        }
    }

    /// <summary>Queues a message (caller may or may not hold the gate). Dropped once the connection is closing.</summary>
    public void Send(JsonObject message) => Enqueue(HaJson.Serialize(message));

    public void Enqueue(string json)
    {
        lock (_core.Gate)
        {
            if (_closing)
            {
                return;
            }

            _queue.Enqueue(json);
            if (_queue.Count >= MaxPendingMessages)
            {
                // http.py _send_message: "Client unable to keep up with pending messages" -> cancel and close.
                _queue.Clear();
                CompleteLocked();
                return;
            }

            if (_queue.Count >= PendingMessagesPeak && _peakChecker is null)
            {
                // http.py: staying above PENDING_MSG_PEAK for PENDING_MSG_PEAK_TIME also disconnects.
                _peakChecker = TimeProvider.System.CreateTimer(_ => CheckPeak(), null, PendingMessagesPeakTime, Timeout.InfiniteTimeSpan);
            }

            _signal.Release();
        }
    }

    /// <summary>Normal server-side close: flush what is queued, then send a close frame.</summary>
    public void Close()
    {
        lock (_core.Gate)
        {
            CompleteLocked();
        }
    }

    /// <summary>Abort the TCP connection with no close frame.</summary>
    public void Abort()
    {
        if (!_finished)
        {
            _http.Abort();
        }
    }

    /// <summary>Stop writing and flood the queue, so the connection trips the pending-message limit like a stuck client.</summary>
    public void TripSlowConsumer()
    {
        lock (_core.Gate)
        {
            _paused = true;
            var filler = HaJson.Serialize(new JsonObject { ["id"] = 0, ["type"] = "event", ["event"] = new JsonObject() });
            while (!_closing)
            {
                Enqueue(filler);
            }
        }
    }

    private void CheckPeak()
    {
        lock (_core.Gate)
        {
            _peakChecker?.Dispose();
            _peakChecker = null;
            if (_queue.Count >= PendingMessagesPeak && !_closing)
            {
                _queue.Clear();
                CompleteLocked();
            }
        }
    }

    private void CompleteLocked()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _closing = true;
        _peakChecker?.Dispose();
        _peakChecker = null;
        _signal.Release();
    }

    private async Task<bool> AuthenticateAsync(CancellationToken ct)
    {
        var receive = ReceiveAsync(ct);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var winner = await Task.WhenAny(receive, Task.Delay(_core.Options.AuthTimeout, timer.Token)).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        if (winner != receive)
        {
            // auth.py: no message within 10 s (AuthTimeout) -> close without a reply. The still-pending receive gets the close reply.
            _pendingReceive = receive;
            ct.ThrowIfCancellationRequested();
            return false;
        }

        var frame = await receive.ConfigureAwait(false);
        if (frame is null || !TryParse(frame, out var message))
        {
            return false;
        }

        var error = AuthSchema.Validate(message);
        if (error is not null)
        {
            Send(new JsonObject { ["type"] = "auth_invalid", ["message"] = $"Auth message incorrectly formatted: {error}" });
            return false;
        }

        if (message!["access_token"] is JsonValue token && token.GetValue<string>() == _core.Options.AccessToken)
        {
            lock (_core.Gate)
            {
                IsAuthenticated = true;
                Send(new JsonObject { ["type"] = "auth_ok", ["ha_version"] = _core.Options.HaVersion });
            }

            _core.Pulse();
            return true;
        }

        _manager.RecordFailedLogin();
        Send(new JsonObject { ["type"] = "auth_invalid", ["message"] = "Invalid access token or password" });
        return false;
    }

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        while (true)
        {
            var frame = await ReceiveAsync(ct).ConfigureAwait(false);
            if (frame is null || !TryParse(frame, out var message))
            {
                // Close frame, binary frame or invalid JSON: http.py disconnects without an error message.
                return;
            }

            lock (_core.Gate)
            {
                if (_closing)
                {
                    return;
                }

                if (message is JsonArray batch)
                {
                    foreach (var item in batch)
                    {
                        _commands.Handle(item);
                    }
                }
                else
                {
                    _commands.Handle(message);
                }

                _core.Pulse();
            }
        }
    }

    private static bool TryParse(byte[] frame, out JsonNode? message)
    {
        try
        {
            message = JsonNode.Parse(frame);
            return true;
        }
        catch (JsonException)
        {
            message = null;
            return false;
        }
    }

    /// <summary>One whole text message, or null on close / binary / oversize frames.</summary>
    private async Task<byte[]?> ReceiveAsync(CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(4096), ct).ConfigureAwait(false);
            if (result.MessageType != WebSocketMessageType.Text)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxIncomingBytes)
            {
                return null;
            }

            if (result.EndOfMessage)
            {
                return buffer.WrittenSpan.ToArray();
            }
        }
    }

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        var batch = new List<string>();
        try
        {
            while (true)
            {
                await _signal.WaitAsync(ct).ConfigureAwait(false);
                bool finished;
                batch.Clear();
                lock (_core.Gate)
                {
                    // Everything a command produced was queued under the gate, so a batch never splits one command's output.
                    if (!_paused)
                    {
                        var take = Coalesce ? Math.Min(_queue.Count, MaxCoalescedBatch) : Math.Min(_queue.Count, 1);
                        for (var i = 0; i < take; i++)
                        {
                            batch.Add(_queue.Dequeue());
                        }

                        if (_queue.Count > 0)
                        {
                            _signal.Release();
                        }
                    }

                    // A paused (stuck) writer never flushes; otherwise drain everything before the close frame.
                    finished = _completed && (_paused || _queue.Count == 0);
                }

                if (batch.Count > 0)
                {
                    var text = batch.Count == 1 ? batch[0] : "[" + string.Join(",", batch) + "]";
                    await SendFragmentedAsync(Encoding.UTF8.GetBytes(text), ct).ConfigureAwait(false);
                }

                if (finished)
                {
                    if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, ct).ConfigureAwait(false);
                        _ = DropIfPeerNeverClosesAsync();
                    }

                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            _http.Abort();
        }
        finally
        {
            _writerDone.TrySetResult();
        }
    }

    private async Task DropIfPeerNeverClosesAsync()
    {
        await Task.Delay(PeerCloseTimeout).ConfigureAwait(false);

        // Never touch the HttpContext once the request has ended: Kestrel may have recycled it.
        if (!_finished && _socket.State != WebSocketState.Closed)
        {
            _http.Abort();
        }
    }

    private async Task FinishCloseHandshakeAsync(Task writer)
    {
        try
        {
            await writer.WaitAsync(PeerCloseTimeout).ConfigureAwait(false);
            if (_pendingReceive is { } pending)
            {
                await pending.WaitAsync(PeerCloseTimeout).ConfigureAwait(false);
            }

            if (_socket.State == WebSocketState.CloseSent)
            {
                // Wait for the client's close reply so it sees a clean close rather than a reset.
                using var timeout = new CancellationTokenSource(PeerCloseTimeout);
                var buffer = new byte[1024];
                while (_socket.State == WebSocketState.CloseSent)
                {
                    await _socket.ReceiveAsync(buffer, timeout.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or WebSocketException or IOException)
        {
            _http.Abort();
        }
    }
}
