using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.HomeAssistant.State;
using Domovoy.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace Domovoy.Benchmarks;

/// <summary>
/// Issue 14: the same Home Assistant stream read by a bare ClientWebSocket + JsonDocument (the ceiling), NetDaemon.Client
/// (a <see cref="PeerRival"/> compiled in from outside the repository; BENCHMARKS.md) and our client + state cache, one contender connected at a time, in
/// alternating rounds, on one in-process simulator holding a 5,000-entity home. Per contender: state_changed events/s,
/// process CPU and allocated bytes per event (the simulator's share is the same for all, so "above raw" is the
/// contender's own), decode µs/event on one thread for a 250-message coalesced frame, and get_states of the home.
/// </summary>
internal static class PeerBenchmark
{
    private const int Home = 5_000;
    private const int FrameMessages = 250;
    private static long _nextValue = 1_000_000_000;

    /// <summary>The peer client compiled in from outside the repository, if any.</summary>
    private static readonly PeerRival? Rival = PeerRival.Find();

    public static async Task RunAsync(string[] args)
    {
        var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        Console.WriteLine($"# peer benchmark ({Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {SchedulerBenchmark.LoadAverage()}, thread-pool spin limit {AppContext.GetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit") ?? "default"}); {events} state_changed events over {HassBenchmark.Entities} sensors in a {Home}-entity home, {rounds} rounds, contenders alternate");
        await using var simulator = await HomeAssistantSimulator.StartAsync(new SimulatorOptions { Port = 0 });
        await SeedAsync(simulator);

        var contenders = new List<Func<PeerContender>> { () => new RawContender(), () => new DomovoyContender() };
        if (Rival is { } rival)
        {
            contenders.Insert(1, rival.CreateContender);
        }
        else
        {
            Console.WriteLine("NetDaemon.Client contender not built (its project and contender file live outside this repository; see BENCHMARKS.md)");
        }
        var results = new Dictionary<string, List<(double Seconds, double CpuUs, double Bytes)>>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var create in contenders)
            {
                await using var contender = create();
                await contender.ConnectAsync(simulator);
                await MeasureAsync(simulator, contender, events / 10);
                var result = await MeasureAsync(simulator, contender, events);
                (results.TryGetValue(contender.Name, out var list) ? list : results[contender.Name] = []).Add(result);
                Console.WriteLine($"round {round} {contender.Name,-16} {HassBenchmark.Rate(events, result.Seconds),9} events/s, CPU {result.CpuUs,5:0.0} µs/event, allocated {result.Bytes,7:N0} B/event");
            }
        }

        var decode = MeasureDecode(simulator);
        var getStates = await MeasureGetStatesAsync(simulator, 20);
        var getStatesDecode = MeasureGetStatesDecode(simulator);
        Report(results, events, decode, getStates, getStatesDecode);
        Console.WriteLine($"load average at the end: {SchedulerBenchmark.LoadAverage()}");
    }

    /// <summary>A 5,000-entity home: the 100 benchmark sensors plus 4,900 others, each with the usual attributes.</summary>
    internal static async Task SeedAsync(HomeAssistantSimulator simulator, int home = Home)
    {
        for (var i = 0; i < home; i++)
        {
            var id = i < HassBenchmark.Entities ? HassBenchmark.EntityOf(i) : $"sensor.home_{i}";
            await simulator.SetStateAsync(id, "0", new Dictionary<string, object?>
            {
                ["state_class"] = "measurement",
                ["unit_of_measurement"] = "W",
                ["device_class"] = "power",
                ["friendly_name"] = $"Power meter {i}",
            });
        }
    }

    private static async Task<(double Seconds, double CpuUs, double Bytes)> MeasureAsync(HomeAssistantSimulator simulator, PeerContender contender, int count)
    {
        var start = contender.Received;
        var firstValue = Interlocked.Add(ref _nextValue, count) - count;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = HassBenchmark.CpuSeconds();
        var stopwatch = Stopwatch.StartNew();
        await Task.Run(() => HassBenchmark.Drive(simulator, count, () => contender.Received - start, null, firstValue));
        var deadline = Stopwatch.StartNew();
        while (contender.Received - start < count)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"{contender.Name}: only {contender.Received - start} of {count} events arrived.");
            }

            await Task.Delay(1);
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpuUs = (HassBenchmark.CpuSeconds() - cpu) * 1e6 / count;
        var bytes = (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / count;
        return (seconds, cpuUs, bytes);
    }

    private static void Report(Dictionary<string, List<(double Seconds, double CpuUs, double Bytes)>> results, int events, Dictionary<string, double> decode, Dictionary<string, double> getStates, Dictionary<string, double> getStatesDecode)
    {
        double Median(string name, Func<(double Seconds, double CpuUs, double Bytes), double> pick) => Stats.Percentile(results[name].Select(pick).ToArray(), 50);
        var raw = (Rate: events / Median("raw", r => r.Seconds), Cpu: Median("raw", r => r.CpuUs), Bytes: Median("raw", r => r.Bytes));
        Console.WriteLine();
        Console.WriteLine("| measure (medians) | raw | NetDaemon.Client | Domovoy client + cache |");
        Console.WriteLine("|---|---|---|---|");
        string Cell(string name, Func<string> text) => results.ContainsKey(name) || decode.ContainsKey(name) || getStates.ContainsKey(name) ? text() : "not built";
        Console.WriteLine($"| state_changed events/s | {raw.Rate:N0} | {Cell("NetDaemon", () => $"{events / Median("NetDaemon", r => r.Seconds):N0}")} | {events / Median("Domovoy", r => r.Seconds):N0} |");
        Console.WriteLine($"| CPU µs/event (above raw) | {raw.Cpu:0.0} | {Cell("NetDaemon", () => $"{Median("NetDaemon", r => r.CpuUs):0.0} (+{Median("NetDaemon", r => r.CpuUs) - raw.Cpu:0.0})")} | {Median("Domovoy", r => r.CpuUs):0.0} (+{Median("Domovoy", r => r.CpuUs) - raw.Cpu:0.0}) |");
        Console.WriteLine($"| allocated B/event (above raw) | {raw.Bytes:N0} | {Cell("NetDaemon", () => $"{Median("NetDaemon", r => r.Bytes):N0} (+{Median("NetDaemon", r => r.Bytes) - raw.Bytes:N0})")} | {Median("Domovoy", r => r.Bytes):N0} (+{Median("Domovoy", r => r.Bytes) - raw.Bytes:N0}) |");
        Console.WriteLine($"| decode µs/event, one thread, {FrameMessages}-message frame | {decode["raw"]:0.00} | {Cell("NetDaemon", () => $"{decode["NetDaemon"]:0.00}")} | {decode["Domovoy"]:0.00} |");
        Console.WriteLine($"| get_states of {Home} entities, ms (median of 20) | – | {Cell("NetDaemon", () => $"{getStates["NetDaemon"]:0.0}")} | {getStates["Domovoy"]:0.0} |");
        Console.WriteLine($"| get_states result decoded (ours: and reconciled), ms, one thread, best of 10 | {getStatesDecode["raw"]:0.0} | {Cell("NetDaemon", () => $"{getStatesDecode["NetDaemon"]:0.0}")} | {getStatesDecode["Domovoy"]:0.0} |");
        Console.WriteLine($"| the simulator serializing those states (its share of every get_states), ms | {getStatesDecode["simulator"]:0.0} | | |");
        if (!results.ContainsKey("NetDaemon"))
        {
            return;
        }

        var nd = (Rate: events / Median("NetDaemon", r => r.Seconds), Cpu: Median("NetDaemon", r => r.CpuUs) - raw.Cpu, Bytes: Median("NetDaemon", r => r.Bytes) - raw.Bytes);
        var ours = (Rate: events / Median("Domovoy", r => r.Seconds), Cpu: Median("Domovoy", r => r.CpuUs) - raw.Cpu, Bytes: Median("Domovoy", r => r.Bytes) - raw.Bytes);
        Console.WriteLine();
        Target("throughput vs NetDaemon", ours.Rate / nd.Rate, ">= 1.5", ours.Rate / nd.Rate >= 1.5);
        Target("throughput vs raw", ours.Rate / raw.Rate, ">= 0.9", ours.Rate / raw.Rate >= 0.9);
        Target("CPU above raw vs NetDaemon's", ours.Cpu / nd.Cpu, "<= 0.5", ours.Cpu / nd.Cpu <= 0.5);
        Target("allocations above raw vs NetDaemon's", ours.Bytes / nd.Bytes, "<= 0.3", ours.Bytes / nd.Bytes <= 0.3);
        Target("decode vs NetDaemon", decode["Domovoy"] / decode["NetDaemon"], "<= 0.8", decode["Domovoy"] / decode["NetDaemon"] <= 0.8);
        Target("get_states vs NetDaemon", getStates["Domovoy"] / getStates["NetDaemon"], "<= 0.8", getStates["Domovoy"] / getStates["NetDaemon"] <= 0.8);
        Target("get_states client side (decode) vs NetDaemon", getStatesDecode["Domovoy"] / getStatesDecode["NetDaemon"], "<= 0.8", getStatesDecode["Domovoy"] / getStatesDecode["NetDaemon"] <= 0.8);
    }

    private static void Target(string name, double ratio, string target, bool met)
        => Console.WriteLine($"{name}: {ratio:0.00}× (target {target}: {(met ? "met" : "NOT met")})");

    /// <summary>
    /// One thread, no socket: a coalesced frame of 250 real-shaped state_changed messages decoded 200 times, best of 5.
    /// Timed in process CPU time (the process is otherwise idle then), which a loaded machine disturbs far less than wall time.
    /// </summary>
    private static Dictionary<string, double> MeasureDecode(HomeAssistantSimulator simulator)
    {
        var state = simulator.GetStateJson(HassBenchmark.EntityOf(0))!;
        var messages = Enumerable.Range(0, FrameMessages).Select(i =>
        {
            var entity = HassBenchmark.EntityOf(i);
            var newState = state.Replace(HassBenchmark.EntityOf(0), entity, StringComparison.Ordinal);
            return "{\"id\":2,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"" + entity + "\",\"old_state\":" + newState + ",\"new_state\":" + newState
                + "},\"origin\":\"LOCAL\",\"time_fired\":\"2026-03-01T10:00:00.000000+00:00\",\"context\":{\"id\":\"01JNB8KQ0000000000000000AA\",\"parent_id\":null,\"user_id\":null}}}";
        });
        var frame = Encoding.UTF8.GetBytes("[" + string.Join(",", messages) + "]");
        var results = new Dictionary<string, double>
        {
            ["raw"] = Best(frame, () =>
            {
                using var document = JsonDocument.Parse(frame);
                foreach (var message in document.RootElement.EnumerateArray())
                {
                    if (message.GetProperty("type").ValueEquals("event"))
                    {
                        _ = message.GetProperty("event").GetProperty("data").GetProperty("new_state").GetProperty("state").GetString();
                    }
                }
            }),
        };
        if (Rival is { } rival)
        {
            results[rival.Name] = Best(frame, rival.DecodeFrame(frame));
        }

        var cache = new HassStateCache(NullLogger.Instance, TimeProvider.System);
        long seen = 0;
        var subscriptions = Enumerable.Range(0, HassBenchmark.Entities).Select(i => cache.SubscribeEntity(HassBenchmark.EntityOf(i), (_, _) => seen++)).ToArray();
        results["Domovoy"] = Best(frame, () =>
        {
            // What our read loop does: the frame parsed in place, each envelope and event decoded once, the cache updated.
            using var document = JsonDocument.Parse(frame.AsMemory());
            HassJson.ForEachMessage(document.RootElement, element =>
            {
                if (HassJson.ParseMessage(element).Event is { } ev)
                {
                    cache.HandleEvent(HassJson.ParseEvent(ev));
                }
            });
        });
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        Console.WriteLine($"decode only ({frame.Length / FrameMessages} bytes per message, {FrameMessages} per frame, best of 5 × 200 frames, process CPU time): " + string.Join(", ", results.Select(r => $"{r.Key} {r.Value:0.00} µs/event")) + $" ({seen} cache notifications)");
        return results;
    }

    /// <summary>
    /// The client side of get_states alone: the result frame of the whole home decoded on one thread (ours into a state
    /// cache, as the synchronizer does), best of 10; and the simulator's own cost of writing that result.
    /// </summary>
    private static Dictionary<string, double> MeasureGetStatesDecode(HomeAssistantSimulator simulator)
    {
        var serialize = BestMs(() => simulator.GetStatesJson());
        var frame = Encoding.UTF8.GetBytes("{\"id\":5,\"type\":\"result\",\"success\":true,\"result\":" + simulator.GetStatesJson() + "}");
        var results = new Dictionary<string, double>
        {
            ["simulator"] = serialize,
            ["raw"] = BestMs(() =>
            {
                using var document = JsonDocument.Parse(frame);
                foreach (var state in document.RootElement.GetProperty("result").EnumerateArray())
                {
                    _ = state.GetProperty("state").GetString();
                }
            }),
        };
        if (Rival is { } rival)
        {
            results[rival.Name] = BestMs(rival.DecodeGetStatesResult(frame));
        }

        var cache = new HassStateCache(NullLogger.Instance, TimeProvider.System);
        results["Domovoy"] = BestMs(() =>
        {
            using var document = JsonDocument.Parse(frame.AsMemory());
            var result = HassJson.ParseMessage(document.RootElement).CommandResult!.Value;
            var states = new List<EntityState>(result.GetArrayLength());
            foreach (var item in result.EnumerateArray())
            {
                states.Add(HassJson.ParseState(item));
            }

            cache.Reconcile(states, cache.BeginSync());
        });
        Console.WriteLine($"get_states result of {frame.Length:N0} bytes decoded on one thread (best of 10, process CPU time): " + string.Join(", ", results.Select(r => $"{r.Key} {r.Value:0.0} ms")));
        return results;
    }

    private static double BestMs(Action action)
    {
        var best = double.MaxValue;
        for (var rep = 0; rep < 11; rep++)
        {
            var start = HassBenchmark.CpuSeconds();
            action();
            var ms = (HassBenchmark.CpuSeconds() - start) * 1000;
            best = rep == 0 ? best : Math.Min(best, ms);
        }

        return best;
    }

    private static double Best(byte[] frame, Action decode)
    {
        const int Frames = 200;
        var best = double.MaxValue;
        for (var rep = 0; rep < 6; rep++)
        {
            var start = HassBenchmark.CpuSeconds();
            for (var f = 0; f < Frames; f++)
            {
                decode();
            }

            var perEvent = (HassBenchmark.CpuSeconds() - start) * 1e6 / (Frames * FrameMessages);
            best = rep == 0 ? best : Math.Min(best, perEvent);
        }

        return best;
    }

    /// <summary>get_states of the whole home on an open connection, request to decoded (ours: reconciled into the cache), alternating.</summary>
    private static async Task<Dictionary<string, double>> MeasureGetStatesAsync(HomeAssistantSimulator simulator, int repetitions)
    {
        var ours = new List<double>();
        var client = new HassWebSocketClient(new HassClientOptions { Uri = simulator.WebSocketUri, AccessToken = simulator.AccessToken }, NullLogger.Instance, TimeProvider.System);
        var cache = new HassStateCache(NullLogger.Instance, TimeProvider.System);
        var synchronizer = new HassStateSynchronizer(client, cache, NullLogger.Instance);
        HassSession? session = null;
        client.AddSessionInitializer("benchmark", (s, _) =>
        {
            session = s;
            return Task.CompletedTask;
        });
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);
        await client.Ready.WaitAsync(TimeSpan.FromSeconds(60));
        var rivalTimes = new List<double>();
        var rivalGetStates = Rival is { } rival ? await rival.ConnectGetStatesAsync(simulator) : null;
        for (var i = 0; i <= repetitions; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await synchronizer.SynchronizeAsync(session!, CancellationToken.None);
            if (i > 0)
            {
                ours.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
            if (rivalGetStates is not null)
            {
                stopwatch.Restart();
                var count = await rivalGetStates.GetStatesAsync();
                if (count < Home)
                {
                    throw new InvalidOperationException($"{Rival!.Name} got {count} states.");
                }

                if (i > 0)
                {
                    rivalTimes.Add(stopwatch.Elapsed.TotalMilliseconds);
                }
            }
        }

        if (cache.Count < Home)
        {
            throw new InvalidOperationException($"Our cache holds {cache.Count} states.");
        }

        await stop.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
        var results = new Dictionary<string, double> { ["Domovoy"] = Stats.Percentile(ours, 50) };
        if (rivalGetStates is not null)
        {
            results[Rival!.Name] = Stats.Percentile(rivalTimes, 50);
            await rivalGetStates.DisposeAsync();
        }

        Console.WriteLine($"get_states of {cache.Count} entities (median of {repetitions}): " + string.Join(", ", results.Select(r => $"{r.Key} {r.Value:0.0} ms")));
        return results;
    }

    /// <summary>One reader of the stream; counts state_changed events.</summary>
    /// <summary>The ceiling: a bare ClientWebSocket, JsonDocument per frame, the new state's text read per event.</summary>
    private sealed class RawContender : PeerContender
    {
        private readonly ClientWebSocket _socket = new();
        private readonly CancellationTokenSource _stop = new();
        private Task? _reader;

        public override string Name => "raw";

        public override async Task ConnectAsync(HomeAssistantSimulator simulator)
        {
            await _socket.ConnectAsync(simulator.WebSocketUri, CancellationToken.None);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
            await HassBenchmark.ReceiveAsync(_socket, buffer);
            await HassBenchmark.SendAsync(_socket, $$"""{"type":"auth","access_token":"{{simulator.AccessToken}}"}""");
            await HassBenchmark.ReceiveAsync(_socket, buffer);
            await HassBenchmark.SendAsync(_socket, """{"id":1,"type":"supported_features","features":{"coalesce_messages":1}}""");
            await HassBenchmark.ReceiveAsync(_socket, buffer);
            await HassBenchmark.SendAsync(_socket, """{"id":2,"type":"subscribe_events"}""");
            await HassBenchmark.ReceiveAsync(_socket, buffer);
            _reader = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    await HassBenchmark.ReceiveAsync(_socket, buffer);
                    using var document = JsonDocument.Parse(buffer.WrittenMemory);
                    HassJson.ForEachMessage(document.RootElement, message =>
                    {
                        if (message.GetProperty("type").ValueEquals("event")
                            && message.GetProperty("event").GetProperty("data").GetProperty("new_state") is { ValueKind: JsonValueKind.Object } state
                            && state.GetProperty("state").GetString() is not null)
                        {
                            Count();
                        }
                    });
                }
            });
        }

        public override async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _socket.Abort();
            await (_reader ?? Task.CompletedTask).ContinueWith(_ => { }, TaskScheduler.Default);
            _socket.Dispose();
            _stop.Dispose();
        }
    }

    /// <summary>Our client, synchronizer and state cache, with one subscriber per sensor (as apps subscribe).</summary>
    private sealed class DomovoyContender : PeerContender
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<IDisposable> _subscriptions = [];
        private Task? _run;

        public override string Name => "Domovoy";

        public override async Task ConnectAsync(HomeAssistantSimulator simulator)
        {
            var client = new HassWebSocketClient(new HassClientOptions { Uri = simulator.WebSocketUri, AccessToken = simulator.AccessToken }, NullLogger.Instance, TimeProvider.System);
            var cache = new HassStateCache(NullLogger.Instance, TimeProvider.System);
            _ = new HassStateSynchronizer(client, cache, NullLogger.Instance);
            _run = client.RunAsync(_stop.Token);
            await client.Ready.WaitAsync(TimeSpan.FromSeconds(60));
            for (var i = 0; i < HassBenchmark.Entities; i++)
            {
                _subscriptions.Add(cache.SubscribeEntity(HassBenchmark.EntityOf(i), (_, n) =>
                {
                    if (n is not null)
                    {
                        Count();
                    }
                }));
            }
        }

        public override async ValueTask DisposeAsync()
        {
            _subscriptions.ForEach(s => s.Dispose());
            await _stop.CancelAsync();
            await (_run ?? Task.CompletedTask).ContinueWith(_ => { }, TaskScheduler.Default);
            _stop.Dispose();
        }
    }
}
