using System.Diagnostics;
using Domovoy.Simulator.Tests.Support;

namespace Domovoy.Simulator.Tests;

/// <summary>Runs the official home-assistant-js-websocket client (tests/conformance-js) against the simulator.</summary>
[TestClass]
public sealed class ConformanceJsTests
{
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [TestMethod]
    public async Task Official_js_client_connects_subscribes_and_calls_services()
    {
        var directory = Path.Combine(Repository.Root(), "tests", "conformance-js");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "home-assistant-js-websocket")))
        {
            // A fresh clone has no node_modules (gitignored); install exactly what package-lock.json pins.
            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], directory, NpmTimeout);
            Assert.AreEqual(0, install.ExitCode, $"npm ci failed:\n{install.Output}");
        }

        await using var sim = await HomeAssistantSimulator.StartAsync(new SimulatorOptions());
        var run = await RunAsync("node", ["conformance.mjs", sim.BaseUri.ToString(), sim.AccessToken], directory, ScriptTimeout);

        Assert.AreEqual(0, run.ExitCode, run.Output);
        foreach (var step in new[] { "wrong token rejected", "subscribeEntities initial", "getStates", "getServices", "getConfig", "callService", "subscribeEntities change", "turn_off diff", "reconnected after restart", "subscription resumed after restart" })
        {
            StringAssert.Contains(run.Output, "OK " + step);
        }

        StringAssert.Contains(run.Output, "CONFORMANCE PASSED");
        Assert.IsTrue(sim.ReceivedCommandTypes.Contains("subscribe_entities"));
        Assert.IsTrue(sim.ReceivedCommandTypes.Contains("supported_features"));
        Assert.AreEqual(1, sim.FailedLogins);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new AssertFailedException($"{fileName} {string.Join(' ', arguments)} timed out after {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
