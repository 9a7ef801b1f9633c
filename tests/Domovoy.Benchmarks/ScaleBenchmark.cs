using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Domovoy.Core.Tests.Infrastructure;

namespace Domovoy.Benchmarks;

/// <summary>
/// Issue 14: the real host (Domovoy.Host process, a real plugin with N apps each listening to its own slice of
/// entities) against an out-of-process simulator holding M entities, driven at a fixed rate by the simulator itself
/// (<c>--commands-on-stdin</c>): start-up until every app is initialized, host CPU per event (from /proc), latency
/// from the change in the simulator to the app callback (both read the system-wide monotonic clock), RSS idle and
/// under load. Run as configured, pinned (host on CPU 0, simulator on CPU 1: a Raspberry-Pi-class core), with the
/// runtime's default thread-pool spinning for comparison, and against the floor: <see cref="ScaleRawClient"/>, a bare
/// ClientWebSocket process in the host's place.
/// </summary>
internal static class ScaleBenchmark
{
    private const string Prefix = "sensor.scale_";
    private static readonly string ProfilePath = Path.Combine(Path.GetTempPath(), "domovoy-scale.perf.data");

    public static async Task RunAsync(string repositoryRoot, string[] args)
    {
        var apps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var entities = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000;
        var rate = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000;
        var seconds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 30;
        // Also: profile (perf record of the host under load), noadmin (admin: enabled: false), inline
        // (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1), env:NAME=VALUE[;NAME=VALUE] (any runtime setting to try).
        var variants = args.Length > 4 ? args[4].Split(',') : ["raw", "free", "pinned", "spinning"];
        var perApp = entities / apps;
        Console.WriteLine($"# scale benchmark ({Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {SchedulerBenchmark.LoadAverage()}); real host, {apps} apps × {perApp} entities each of a {entities}-entity home, {rate} events/s for {seconds} s from an out-of-process simulator");
        var hostDll = HostMemory.BuiltDll(repositoryRoot, "Domovoy.Host");
        var simulatorDll = HostMemory.BuiltDll(repositoryRoot, "Domovoy.Simulator");
        using var ws = new PluginWorkspace();
        ws.WritePlugin("ScaleApps", "v1", $$"""for (var i = 0; i < {{apps}}; i++) { apps.Register<ScaleApp>($"scale_{i}"); }""", extraCode: $$"""
            public sealed class ScaleApp : AppBase
            {
                private readonly List<long> _latencies = new();

                public override Task InitializeAsync(CancellationToken cancellationToken)
                {
                    // App i listens to its own {{perApp}} entities; each new state is the simulator's monotonic clock at the change.
                    var index = int.Parse(Meta.AppName["scale_".Length..]);
                    for (var e = index * {{perApp}}; e < (index + 1) * {{perApp}}; e++)
                    {
                        Callbacks.ListenState(new TextSensorEntity("{{Prefix}}" + e), change =>
                        {
                            var now = System.Diagnostics.Stopwatch.GetTimestamp();
                            if (long.TryParse(change.New, out var sent))
                            {
                                _latencies.Add((now - sent) * 1_000_000 / System.Diagnostics.Stopwatch.Frequency);
                            }
                        });
                    }

                    // The benchmark sets this entity once the load is over: each app reports its latencies (µs) and forgets them.
                    Callbacks.ListenState(new TextSensorEntity("sensor.scale_report"), _ =>
                    {
                        Log.LogInformation("SCALE-LATENCIES {Count} {Values}", _latencies.Count, string.Join(",", _latencies));
                        _latencies.Clear();
                    });
                    return Task.CompletedTask;
                }
            }
            """);
        await ws.BuildAsync("ScaleApps");
        var entitiesFile = Path.Combine(ws.Root, "home.json");
        WriteHome(entitiesFile, entities);

        foreach (var variant in variants)
        {
            await RunVariantAsync(hostDll, simulatorDll, ws, entitiesFile, variant, apps, entities, rate, seconds);
        }

        Console.WriteLine($"load average at the end: {SchedulerBenchmark.LoadAverage()}");
    }

    private static void WriteHome(string path, int entities)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartArray();
        for (var i = 0; i <= entities; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("entity_id", i < entities ? Prefix + i.ToString(CultureInfo.InvariantCulture) : "sensor.scale_report");
            writer.WriteString("state", "0");
            writer.WriteStartObject("attributes");
            writer.WriteString("state_class", "measurement");
            writer.WriteString("unit_of_measurement", "W");
            writer.WriteString("device_class", "power");
            writer.WriteString("friendly_name", $"Power meter {i}");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static async Task RunVariantAsync(string hostDll, string simulatorDll, PluginWorkspace ws, string entitiesFile, string variant, int apps, int entities, int rate, int seconds)
    {
        var pinned = variant == "pinned";
        using var simulator = Start(pinned ? ["taskset", "-c", "1", "dotnet", simulatorDll] : ["dotnet", simulatorDll], ["--port", "0", "--entities", entitiesFile, "--commands-on-stdin"], null, redirectInput: true);
        var simulatorLines = new Lines(simulator);
        var listening = await simulatorLines.WaitAsync(l => l.Contains("listening on ", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        var baseUri = new Uri(listening[(listening.IndexOf("listening on ", StringComparison.Ordinal) + "listening on ".Length)..].Trim());
        var config = Path.Combine(ws.Root, $"config-{variant}.yml");
        File.WriteAllText(config, $"""
            plugins: {ws.PluginsPath}
            timezone: Europe/Berlin
            log_level: information
            hass:
              url: ws://{baseUri.Host}:{baseUri.Port}/api/websocket
              token: sim-token
            {(variant == "noadmin" ? "admin:\n  enabled: false" : "")}
            """);
        var environment = variant switch
        {
            "spinning" => new Dictionary<string, string> { ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "70" },
            "inline" => new Dictionary<string, string> { ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1" },
            // env:NAME=VALUE[;NAME=VALUE]: the free variant with extra runtime settings, to try one before committing it.
            _ when variant.StartsWith("env:", StringComparison.Ordinal) => variant["env:".Length..].Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]),
            // perf can name JIT-compiled methods only from the map files the runtime writes with this.
            // JitStdOutFile lists every method compiled (with its tier), to tell start-up compilation from steady state.
            "profile" => new Dictionary<string, string> { ["DOTNET_PerfMapEnabled"] = "1", ["DOTNET_EnableWriteXorExecute"] = "0", ["DOTNET_JitDisasmSummary"] = "1", ["DOTNET_JitStdOutFile"] = Path.Combine(Path.GetTempPath(), "domovoy-scale.jit.txt") },
            _ => null,
        };
        if (variant == "profile")
        {
            File.Delete(Path.Combine(Path.GetTempPath(), "domovoy-scale.jit.txt"));
        }

        // raw: the floor, a bare ClientWebSocket process in the host's place that keeps one latency list for all entities.
        var raw = variant == "raw";
        var reporters = raw ? 1 : apps;
        var started = Stopwatch.StartNew();
        using var host = raw
            ? Start(["dotnet", typeof(ScaleRawClient).Assembly.Location], ["scale-raw-client", $"ws://{baseUri.Host}:{baseUri.Port}/api/websocket", "sim-token", Prefix], environment, redirectInput: false)
            : Start(pinned ? ["taskset", "-c", "0", "dotnet", hostDll] : ["dotnet", hostDll], ["--config", config], environment, redirectInput: false);
        var hostLines = new Lines(host);
        try
        {
            await hostLines.WaitCountAsync(l => l.Contains("App scale_", StringComparison.Ordinal) && l.Contains(" initialized", StringComparison.Ordinal), reporters, TimeSpan.FromMinutes(3));
            var startup = started.Elapsed;

            // Idle: after start-up settles, 10 s with nothing happening.
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idleCpu = CpuSeconds(host.Id);
            await Task.Delay(TimeSpan.FromSeconds(10));
            var idleCpuPerSecond = (CpuSeconds(host.Id) - idleCpu) / 10;
            var idleRss = Status(host.Id)["VmRSS"];

            // Warm-up at the same rate for 10 s (tiered JIT recompiles hot methods in the background for several seconds);
            // its latencies are reported and dropped. A host runs for months: the steady state is what counts.
            var jitBefore = JitLines();
            await DriveAsync(simulator, simulatorLines, entities, rate, rate * 10, 10);
            await ReportAsync(simulator, hostLines, reporters, "warm");

            var count = rate * seconds;
            var cpu = CpuSeconds(host.Id);
            var switches = ContextSwitches(host.Id);
            var loadStarted = Stopwatch.StartNew();
            var drove = DriveAsync(simulator, simulatorLines, entities, rate, count, seconds);
            using var perf = variant == "profile"
                ? Process.Start(new ProcessStartInfo("perf", ["record", "-F", "999", "-g", "-p", host.Id.ToString(CultureInfo.InvariantCulture), "-o", ProfilePath, "--", "sleep", (seconds - 1).ToString(CultureInfo.InvariantCulture)]) { RedirectStandardError = true })
                : null;
            long loadRss = 0;
            while (!drove.IsCompleted)
            {
                loadRss = Math.Max(loadRss, Status(host.Id)["VmRSS"]);
                await Task.WhenAny(drove, Task.Delay(TimeSpan.FromSeconds(1)));
            }

            var lateMs = await drove;
            if (variant == "profile")
            {
                Console.WriteLine($"  methods compiled: {jitBefore} before the warm-up, {JitLines()} after the measured load (list: {Path.Combine(Path.GetTempPath(), "domovoy-scale.jit.txt")})");
            }

            if (perf is not null)
            {
                await perf.WaitForExitAsync();
                Console.WriteLine($"  profile of the host under load: {ProfilePath} (perf report -i {ProfilePath} --no-children --sort dso,sym)");
            }

            var driveSeconds = loadStarted.Elapsed.TotalSeconds;
            var hostCpu = CpuSeconds(host.Id) - cpu;
            var switchesPerEvent = (double)(ContextSwitches(host.Id) - switches) / count;
            var latencies = (await ReportAsync(simulator, hostLines, reporters, "measured")).SelectMany(ParseLatencies).Select(us => us / 1000d).ToArray();
            var hwm = Status(host.Id)["VmHWM"];

            // Steady idle: after the load, once the tiered JIT has finished recompiling (the first idle window follows
            // start-up, so it includes that one-off work), 10 s with nothing happening.
            await Task.Delay(TimeSpan.FromSeconds(5));
            var steadyCpu = CpuSeconds(host.Id);
            await Task.Delay(TimeSpan.FromSeconds(10));
            var steadyIdleCpuPerSecond = (CpuSeconds(host.Id) - steadyCpu) / 10;
            var steadyRss = Status(host.Id)["VmRSS"];
            Console.WriteLine($"[{variant}{(pinned ? ": host on CPU 0, simulator on CPU 1" : variant == "spinning" ? ": DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=70, the runtime default" : raw ? ": a bare ClientWebSocket process instead of the host, the floor" : string.Empty)}] start-up to {apps} apps initialized {startup.TotalMilliseconds:N0} ms; "
                + $"idle after start-up: {idleCpuPerSecond * 1000:0.0} ms CPU/s, RSS {Mb(idleRss)}; steady idle after the load: {steadyIdleCpuPerSecond * 1000:0.0} ms CPU/s, RSS {Mb(steadyRss)}; "
                + $"load: {latencies.Length:N0} of {count:N0} changes seen by apps in {driveSeconds:0.0} s (simulator pacing at most {lateMs:0.0} ms late), host CPU {hostCpu * 1e6 / count:0.0} µs/event ({hostCpu / driveSeconds * 100:0}% of one core), {switchesPerEvent:0.0} thread context switches/event, "
                + $"latency p50 {Stats.Ms(Stats.Percentile(latencies, 50))}, p99 {Stats.Ms(Stats.Percentile(latencies, 99))}, p99.9 {Stats.Ms(Stats.Percentile(latencies, 99.9))}, max {Stats.Ms(latencies.Max())}; RSS under load up to {Mb(loadRss)} (VmHWM {Mb(hwm)})");
            Console.WriteLine($"  targets: CPU ≤ 50 µs/event {Met(hostCpu * 1e6 / count <= 50)}, p99 ≤ 2 ms {Met(Stats.Percentile(latencies, 99) <= 2)}, p99.9 ≤ 5 ms {Met(Stats.Percentile(latencies, 99.9) <= 5)}, RSS idle ≤ 100 MB {Met(Math.Min(idleRss, steadyRss) <= 100 * 1024)}, under load ≤ 120 MB {Met(loadRss <= 120 * 1024)}");
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            simulator.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
            await simulator.WaitForExitAsync();
        }
    }

    /// <summary>Has the simulator make <paramref name="count"/> changes; returns how late its pacing fell at most (ms).</summary>
    private static async Task<double> DriveAsync(Process simulator, Lines simulatorLines, int entities, int rate, int count, int seconds)
    {
        var before = simulatorLines.CountOf(l => l.StartsWith("drove ", StringComparison.Ordinal));
        await simulator.StandardInput.WriteLineAsync($"drive {Prefix} {entities} {rate} {count}");
        await simulator.StandardInput.FlushAsync();
        var lines = await simulatorLines.WaitCountAsync(l => l.StartsWith("drove ", StringComparison.Ordinal), before + 1, TimeSpan.FromSeconds((seconds * 4) + 60));
        return double.Parse(lines[^1].Split(' ')[2], CultureInfo.InvariantCulture);
    }

    /// <summary>Makes every app log and forget its latencies; returns the apps' report lines.</summary>
    private static async Task<IEnumerable<string>> ReportAsync(Process simulator, Lines hostLines, int apps, string round)
    {
        var before = hostLines.CountOf(IsReport);
        await simulator.StandardInput.WriteLineAsync($"set sensor.scale_report {round}");
        await simulator.StandardInput.FlushAsync();
        var reports = await hostLines.WaitCountAsync(IsReport, before + apps, TimeSpan.FromMinutes(2));
        return reports.Skip(before);

        static bool IsReport(string line) => line.Contains("SCALE-LATENCIES", StringComparison.Ordinal);
    }

    /// <summary>Voluntary and involuntary context switches of all the process's threads (each is a sleep or wake-up).</summary>
    private static long ContextSwitches(int pid)
    {
        long total = 0;
        foreach (var task in Directory.GetDirectories($"/proc/{pid}/task"))
        {
            try
            {
                total += File.ReadLines(Path.Combine(task, "status"))
                    .Where(l => l.Contains("ctxt_switches:", StringComparison.Ordinal))
                    .Sum(l => long.Parse(l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return total;
    }

    private static int JitLines()
    {
        var path = Path.Combine(Path.GetTempPath(), "domovoy-scale.jit.txt");
        return File.Exists(path) ? File.ReadLines(path).Count() : 0;
    }

    private static string Met(bool met) => met ? "met" : "NOT met";

    private static IEnumerable<double> ParseLatencies(string line)
    {
        var values = line[(line.IndexOf("SCALE-LATENCIES ", StringComparison.Ordinal) + "SCALE-LATENCIES ".Length)..].Split(' ', 2);
        return values.Length < 2 || values[1].Length == 0 ? [] : values[1].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture));
    }

    private static Process Start(string[] command, string[] args, Dictionary<string, string>? environment, bool redirectInput)
    {
        var start = new ProcessStartInfo(command[0], [.. command[1..], .. args]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redirectInput };
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>utime + stime of a process from /proc/&lt;pid&gt;/stat (clock ticks of 10 ms).</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100d;
    }

    private static Dictionary<string, long> Status(int pid)
        => File.ReadAllLines($"/proc/{pid}/status")
            .Where(l => l.StartsWith("Vm", StringComparison.Ordinal) && l.EndsWith("kB", StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => long.Parse(l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..^2].Trim(), CultureInfo.InvariantCulture));

    private static string Mb(long kb) => (kb / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>A process's output lines (stdout and stderr), waitable.</summary>
    private sealed class Lines
    {
        private readonly Tests.Shared.Recorder<string> _lines = new();

        public Lines(Process process)
        {
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Task<string> WaitAsync(Func<string, bool> match, TimeSpan timeout) => _lines.WaitForAsync(match, timeout);

        public int CountOf(Func<string, bool> match) => _lines.Items.Count(match);

        public async Task<IReadOnlyList<string>> WaitCountAsync(Func<string, bool> match, int count, TimeSpan timeout)
        {
            await _lines.WaitUntilAsync(items => items.Count(match) >= count, timeout);
            return _lines.Items.Where(match).ToArray();
        }

        private void Add(string? line)
        {
            if (line is not null)
            {
                _lines.Add(line);
            }
        }
    }
}
