using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;

namespace Domovoy.Benchmarks;

/// <summary>
/// The floor of the <c>scale</c> suite: a process that is nothing but a bare <see cref="ClientWebSocket"/> reading the
/// same Home Assistant stream (auth, <c>subscribe_events</c> for state_changed, one <see cref="JsonDocument"/> per frame,
/// the new state read per event) and keeping the same latency list the scale apps keep. What it costs per event on a
/// machine is what receiving a paced WebSocket frame in a .NET process costs there, before any client or app work.
/// </summary>
internal static class ScaleRawClient
{
    /// <summary>Runs until the connection closes: <c>scale-raw-client &lt;ws url&gt; &lt;token&gt; &lt;entity id prefix&gt;</c>.</summary>
    public static async Task RunAsync(string[] args)
    {
        var (uri, token, prefix) = (new Uri(args[0]), args[1], args[2]);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, CancellationToken.None);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        await HassBenchmark.ReceiveAsync(socket, buffer);
        await HassBenchmark.SendAsync(socket, $$"""{"type":"auth","access_token":"{{token}}"}""");
        await HassBenchmark.ReceiveAsync(socket, buffer);
        await HassBenchmark.SendAsync(socket, """{"id":1,"type":"subscribe_events","event_type":"state_changed"}""");
        await HassBenchmark.ReceiveAsync(socket, buffer);

        // The same line the host logs per app, so the suite waits for it the same way.
        Console.WriteLine("App scale_raw initialized");
        var latencies = new List<long>();
        while (true)
        {
            await HassBenchmark.ReceiveAsync(socket, buffer);
            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var message in document.RootElement.EnumerateArray())
                {
                    Handle(message, prefix, latencies);
                }
            }
            else
            {
                Handle(document.RootElement, prefix, latencies);
            }
        }
    }

    private static void Handle(JsonElement message, string prefix, List<long> latencies)
    {
        if (!message.GetProperty("type").ValueEquals("event"))
        {
            return;
        }

        var data = message.GetProperty("event").GetProperty("data");
        if (data.GetProperty("new_state") is not { ValueKind: JsonValueKind.Object } state)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var entityId = data.GetProperty("entity_id").GetString()!;
        if (entityId == "sensor.scale_report")
        {
            Console.WriteLine($"SCALE-LATENCIES {latencies.Count} {string.Join(",", latencies)}");
            latencies.Clear();
        }
        else if (entityId.StartsWith(prefix, StringComparison.Ordinal) && long.TryParse(state.GetProperty("state").GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var sent))
        {
            latencies.Add((now - sent) * 1_000_000 / Stopwatch.Frequency);
        }
    }
}
