using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Domovoy.Simulator.Tests.Support;

/// <summary>A bare ClientWebSocket speaking the HA protocol by hand (deliberately no Domovoy client code).</summary>
internal sealed class WsTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket = new();
    private readonly Queue<JsonNode> _pending = new();
    private int _nextId = 1;

    public WebSocketState State => _socket.State;

    /// <summary>Every text frame as received (to check coalescing).</summary>
    public List<string> RawFrames { get; } = [];

    public static async Task<WsTestClient> ConnectAsync(HomeAssistantSimulator simulator)
    {
        var client = new WsTestClient();
        using var cts = new CancellationTokenSource(Timeout);
        await client._socket.ConnectAsync(simulator.WebSocketUri, cts.Token);
        return client;
    }

    /// <summary>Connects, checks auth_required, authenticates and optionally enables coalescing (id 1).</summary>
    public static async Task<WsTestClient> ConnectAuthenticatedAsync(HomeAssistantSimulator simulator, bool coalesce = false)
    {
        var client = await ConnectAsync(simulator);
        var required = await client.ReceiveAsync();
        Assert.AreEqual("auth_required", required["type"]!.GetValue<string>());
        await client.SendRawAsync($$"""{"type":"auth","access_token":"{{simulator.AccessToken}}"}""");
        var ok = await client.ReceiveAsync();
        Assert.AreEqual("auth_ok", ok["type"]!.GetValue<string>(), ok.ToJsonString());
        if (coalesce)
        {
            var result = await client.CommandAsync(new JsonObject { ["type"] = "supported_features", ["features"] = new JsonObject { ["coalesce_messages"] = 1 } });
            Assert.IsTrue(result["success"]!.GetValue<bool>());
        }

        return client;
    }

    public int NextId() => _nextId++;

    public Task SendRawAsync(string text)
    {
        using var cts = new CancellationTokenSource(Timeout);
        return _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cts.Token);
    }

    /// <summary>Sends a command with the next id (unless it has one) and returns that id.</summary>
    public async Task<int> SendAsync(JsonObject command)
    {
        if (command["id"] is null)
        {
            command["id"] = NextId();
        }

        await SendRawAsync(command.ToJsonString());
        return command["id"]!.GetValue<int>();
    }

    /// <summary>Sends a command and returns its result/pong, skipping events of other subscriptions.</summary>
    public async Task<JsonNode> CommandAsync(JsonObject command)
    {
        var id = await SendAsync(command);
        return await ReceiveAsync(m => m["id"]?.GetValue<int>() == id && m["type"]!.GetValue<string>() is "result" or "pong");
    }

    /// <summary>Next message; array frames are split into their elements.</summary>
    public async Task<JsonNode> ReceiveAsync()
    {
        while (_pending.Count == 0)
        {
            var frame = await ReceiveFrameAsync() ?? throw new InvalidOperationException($"Socket closed ({_socket.CloseStatus}).");
            var node = JsonNode.Parse(frame)!;
            if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    _pending.Enqueue(item!.DeepClone());
                }
            }
            else
            {
                _pending.Enqueue(node);
            }
        }

        return _pending.Dequeue();
    }

    public async Task<JsonNode> ReceiveAsync(Func<JsonNode, bool> predicate)
    {
        while (true)
        {
            var message = await ReceiveAsync();
            if (predicate(message))
            {
                return message;
            }
        }
    }

    /// <summary>Next raw text frame, or null when the server closed the socket with a close frame.</summary>
    public async Task<string?> ReceiveFrameAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, cts.Token);
                }

                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                var text = Encoding.UTF8.GetString(message.ToArray());
                RawFrames.Add(text);
                return text;
            }
        }
    }

    /// <summary>Reads until the server closes; true for a clean close frame, false for an abrupt abort.</summary>
    public async Task<bool> WaitForCloseAsync()
    {
        try
        {
            while (await ReceiveFrameAsync() is not null)
            {
            }

            return true;
        }
        catch (WebSocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty, cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
    }
}
