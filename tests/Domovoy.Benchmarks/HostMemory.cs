using System.Diagnostics;
using System.Globalization;
using Domovoy.Core.Tests.Infrastructure;

namespace Domovoy.Benchmarks;

/// <summary>
/// RSS of a real Domovoy.Host process (built in the same configuration as the benchmarks) running N apps from a real
/// plugin against the embedded simulated demo home (no hass.url), read from /proc/&lt;pid&gt;/status.
/// </summary>
internal static class HostMemory
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <param name="external">When set, a second run points hass.url at this (out-of-process) simulator, so the RSS is the host alone.</param>
    public static async Task MeasureAsync(string repositoryRoot, int apps, Domovoy.Simulator.HomeAssistantSimulator? external = null)
    {
        var hostDll = BuiltDll(repositoryRoot, "Domovoy.Host");

        using var ws = new PluginWorkspace();
        ws.WritePlugin("HomeApps", "v1", $$"""for (var i = 0; i < {{apps}}; i++) { apps.Register<HomeApp>($"home_{i}"); }""", extraCode: """
            public sealed class HomeApp : AppBase
            {
                private int _changes;

                public override Task InitializeAsync(CancellationToken cancellationToken)
                {
                    // A typical small automation: a few state listeners on the demo home and a periodic timer.
                    Callbacks.ListenState(new BinarySensorEntity("binary_sensor.hallway_motion"), _ => _changes++);
                    Callbacks.ListenState(new BinarySensorEntity("binary_sensor.front_door"), _ => _changes++);
                    Callbacks.ListenState(new SwitchEntity("switch.coffee_maker"), _ => _changes++);
                    Callbacks.ListenState(new SensorEntity<double>("sensor.outdoor_temperature"), _ => _changes++);
                    Callbacks.RunEvery(TimeSpan.FromMinutes(1), () => Log.LogDebug("{Changes} changes", _changes));
                    return Task.CompletedTask;
                }
            }
            """);
        await ws.BuildAsync("HomeApps");
        var config = Path.Combine(ws.Root, "config.yml");
        File.WriteAllText(config, $"""
            plugins: {ws.PluginsPath}
            timezone: Europe/Berlin
            log_level: information
            simulator:
              port: 0
            """);
        var rss = await RunHostAsync(hostDll, config, apps, $"host process ({Configuration}) with {apps} apps, embedded simulated demo home in the same process (no hass.url)");
        Console.WriteLine($"  target RSS < 100 MB: {(rss < 100 * 1024 ? "met" : "NOT met")}");
        if (external is not null)
        {
            var externalConfig = Path.Combine(ws.Root, "config-external.yml");
            File.WriteAllText(externalConfig, $"""
                plugins: {ws.PluginsPath}
                timezone: Europe/Berlin
                log_level: information
                hass:
                  url: {external.WebSocketUri}
                  token: {external.AccessToken}
                """);
            var hostOnly = await RunHostAsync(hostDll, externalConfig, apps, $"host process ({Configuration}) with {apps} apps, hass.url → the benchmark's simulator (demo home) in another process");
            Console.WriteLine($"  target RSS < 100 MB: {(hostOnly < 100 * 1024 ? "met" : "NOT met")}");
        }
    }

    /// <summary>The DLL of a project of ours built in the benchmarks' configuration (the benchmark project builds it).</summary>
    /// <exception cref="FileNotFoundException">It was not built.</exception>
    internal static string BuiltDll(string repositoryRoot, string project)
    {
        var dll = Path.Combine(repositoryRoot, project, "bin", Configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {project} first (the benchmark project builds it).", dll);
    }

    /// <summary>Starts the host, waits for every app's "initialized" line, returns VmRSS (kB) 10 s later.</summary>
    private static async Task<long> RunHostAsync(string hostDll, string config, int apps, string label)
    {

        var start = new ProcessStartInfo("dotnet", [hostDll, "--config", config]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var initialized = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains(" initialized", StringComparison.Ordinal) == true && e.Data.Contains("App home_", StringComparison.Ordinal)
                && Interlocked.Increment(ref initialized) == apps)
            {
                done.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
            var atReady = Status(process.Id);
            await Task.Delay(TimeSpan.FromSeconds(10));
            var settled = Status(process.Id);
            Console.WriteLine($"{label}: VmRSS {Kb(atReady["VmRSS"])} when all apps were initialized, {Kb(settled["VmRSS"])} 10 s later (peak VmHWM {Kb(settled["VmHWM"])})");
            return settled["VmRSS"];
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static Dictionary<string, long> Status(int pid)
        => File.ReadAllLines($"/proc/{pid}/status")
            .Where(l => l.StartsWith("Vm", StringComparison.Ordinal) && l.EndsWith("kB", StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => long.Parse(l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..^2].Trim(), CultureInfo.InvariantCulture));

    private static string Kb(long kb) => (kb / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
