using System.Diagnostics;

namespace Domovoy.Benchmarks;

/// <summary>Starts the real host process on samples/config.yml and times it until every sample app is initialized.</summary>
internal static class ColdStartBenchmark
{
    public static async Task<double> MeasureAsync(string repositoryRoot, int runs)
    {
        var hostDll = Path.Combine(repositoryRoot, "Domovoy.Host", "bin", "Release", "net10.0", "Domovoy.Host.dll");
        if (!File.Exists(hostDll))
        {
            hostDll = Path.Combine(repositoryRoot, "Domovoy.Host", "bin", "Debug", "net10.0", "Domovoy.Host.dll");
        }

        var config = Path.Combine(repositoryRoot, "samples", "config.yml");
        var plugins = Path.Combine(repositoryRoot, "samples", "plugins");
        if (!Directory.Exists(plugins) || Directory.GetDirectories(plugins).Length == 0)
        {
            throw new InvalidOperationException($"{plugins} is empty: build the samples first (dotnet build Domovoy.sln).");
        }

        var expected = Directory.GetDirectories(plugins).Length;
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            times.Add(await StartOnceAsync(hostDll, config, expected));
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private static async Task<double> StartOnceAsync(string hostDll, string config, int expectedPlugins)
    {
        var start = new ProcessStartInfo("dotnet", [hostDll, "--config", config]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var loaded = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("loaded with", StringComparison.Ordinal) == true && Interlocked.Increment(ref loaded) == expectedPlugins)
            {
                done.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var elapsed = stopwatch.Elapsed.TotalMilliseconds;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        return elapsed;
    }
}
