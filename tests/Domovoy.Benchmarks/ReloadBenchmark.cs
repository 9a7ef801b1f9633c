using System.Diagnostics;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Engine;
using Domovoy.Core.Plugins;
using Domovoy.Core.Tests.Infrastructure;
using Domovoy.Tests.Shared;

namespace Domovoy.Benchmarks;

/// <summary>
/// Reload latency (new DLL written → new app initialized), memory and unloading over many reload cycles, and a hot
/// reload compared with a cold start of the real host process on the samples, in one run.
/// </summary>
internal static class ReloadBenchmark
{
    public static async Task RunAsync(string repositoryRoot, string[] args)
    {
        var latencyCycles = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 50;
        var memoryCycles = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500;
        Console.WriteLine($"# Reload benchmark ({Environment.ProcessorCount} cores, .NET {Environment.Version})");

        using var ws = new PluginWorkspace();
        var (v1, v2) = await BuildTwoVersionsAsync(ws);

        var debounce = TimeSpan.FromMilliseconds(300);
        var latencies = await MeasureLatencyAsync(ws, v1, v2, debounce, latencyCycles);
        var p50 = Stats.Percentile(latencies, 50);
        var p95 = Stats.Percentile(latencies, 95);
        Console.WriteLine($"reload latency over {latencyCycles} reloads (debounce {debounce.TotalMilliseconds} ms): p50 {Stats.Ms(p50)}, p95 {Stats.Ms(p95)}, min {Stats.Ms(latencies.Min())}, max {Stats.Ms(latencies.Max())}");
        Console.WriteLine($"  target p50 <= debounce + 50 ms = {debounce.TotalMilliseconds + 50} ms: {(p50 <= debounce.TotalMilliseconds + 50 ? "met" : "NOT met")}");
        var work = latencies.Select(l => l - debounce.TotalMilliseconds).ToArray();
        Console.WriteLine($"  host reload work (latency minus debounce): p50 {Stats.Ms(Stats.Percentile(work, 50))}, p95 {Stats.Ms(Stats.Percentile(work, 95))}");

        await MeasureMemoryAsync(ws, v1, v2, memoryCycles);

        var cold = await ColdStartBenchmark.MeasureAsync(repositoryRoot, runs: 3);
        var hot = Stats.Percentile(work, 50);
        Console.WriteLine($"cold start of Domovoy.Host on samples/config.yml (process start → all sample apps initialized), median of 3: {Stats.Ms(cold)}");
        Console.WriteLine($"hot reload of one app (host work, p50): {Stats.Ms(hot)} → cold/hot = {cold / hot:0.0}x (target >= 10x: {(cold / hot >= 10 ? "met" : "NOT met")})");
    }

    private static async Task<(string V1, string V2)> BuildTwoVersionsAsync(PluginWorkspace ws)
    {
        ws.WritePlugin("PluginA", "v1", """apps.Register<TestApp, TestConfig>("a_app", new TestConfig());""");
        await ws.BuildAsync("PluginA");
        var v1 = File.ReadAllBytes(ws.PluginDll("PluginA"));
        ws.WritePlugin("PluginA", "v2", """apps.Register<TestApp, TestConfig>("a_app", new TestConfig());""");
        await ws.BuildAsync("PluginA");
        var v2Path = Path.Combine(ws.Root, "PluginA.v2.dll");
        File.Copy(ws.PluginDll("PluginA"), v2Path);
        var v1Path = Path.Combine(ws.Root, "PluginA.v1.dll");
        File.WriteAllBytes(v1Path, v1);
        ws.WritePlugin("PluginB", "v1", """apps.Register<TestApp, TestConfig>("b_app", new TestConfig());""");
        await ws.BuildAsync("PluginB");
        return (v1Path, v2Path);
    }

    private static async Task<List<double>> MeasureLatencyAsync(PluginWorkspace ws, string v1, string v2, TimeSpan debounce, int cycles)
    {
        await using var host = await EngineHost.StartAsync(ws, o => o.ReloadDebounce = debounce);
        var latencies = new List<double>(cycles);
        for (var i = 0; i < cycles + 3; i++)
        {
            var elapsed = await ReloadOnceAsync(ws, host.Engine, Other(ws, v1, v2));
            if (i >= 3)
            {
                latencies.Add(elapsed.TotalMilliseconds);
            }
        }

        return latencies;
    }

    private static async Task MeasureMemoryAsync(PluginWorkspace ws, string v1, string v2, int cycles)
    {
        await using var host = await EngineHost.StartAsync(ws, o => o.ReloadDebounce = TimeSpan.FromMilliseconds(20));
        var unloads = new Recorder<PluginEventKind>();
        host.Plugins.PluginChanged += e =>
        {
            if (e.Kind is PluginEventKind.Leaked or PluginEventKind.Collected)
            {
                unloads.Add(e.Kind);
            }
        };

        const int warmup = 50;
        long baseline = 0;
        for (var i = 0; i < cycles; i++)
        {
            await ReloadOnceAsync(ws, host.Engine, Other(ws, v1, v2));
            if (i == warmup - 1)
            {
                baseline = SettledHeap();
            }
        }

        // Every swapped-out version gets its unload check; wait for all of them before measuring.
        await unloads.WaitUntilAsync(checks => checks.Count >= cycles, TimeSpan.FromMinutes(5));
        var collected = unloads.Items.Count(k => k == PluginEventKind.Collected);
        var leaked = unloads.Items.Count(k => k == PluginEventKind.Leaked);

        var end = SettledHeap();
        var alive = AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == "PluginA");
        Console.WriteLine($"after {cycles} reload cycles: managed heap {Stats.Mb(baseline)} (after {warmup} warm-up cycles) → {Stats.Mb(end)}, growth {Stats.Mb(end - baseline)} (target < 5 MB: {(end - baseline < 5 * 1024 * 1024 ? "met" : "NOT met")})");
        Console.WriteLine($"  old load contexts: {collected} collected, {leaked} still alive; PluginA assemblies still listed in the process: {alive} (1 = only the running version)");
        Console.WriteLine($"  working set {Stats.Mb(Environment.WorkingSet)}");
    }

    /// <summary>The version that is not in the plugins folder now (writing the same bytes would, rightly, not reload).</summary>
    private static string Other(PluginWorkspace ws, string v1, string v2)
        => File.ReadAllBytes(ws.PluginDll("PluginA")).AsSpan().SequenceEqual(File.ReadAllBytes(v1)) ? v2 : v1;

    private static long SettledHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Writes a new PluginA.dll and returns the time until the new app instance is initialized.</summary>
    private static async Task<TimeSpan> ReloadOnceAsync(PluginWorkspace ws, AppEngine engine, string source)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLifecycle(AppLifecycleEvent e)
        {
            if (e.AppName == "a_app" && e.Status == AppStatus.Running)
            {
                started.TrySetResult();
            }
        }

        engine.LifecycleChanged += OnLifecycle;
        try
        {
            var stopwatch = Stopwatch.StartNew();
            File.Copy(source, ws.PluginDll("PluginA"), overwrite: true);
            await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return stopwatch.Elapsed;
        }
        finally
        {
            engine.LifecycleChanged -= OnLifecycle;
        }
    }
}
