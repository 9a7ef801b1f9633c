using System.Diagnostics;
using Domovoy.Core.Tests.Infrastructure;
using Domovoy.Core.Tests.Plugins;
using Domovoy.Simulator;
using Domovoy.Tests.Shared;

namespace Domovoy.Core.Tests.Host;

/// <summary>The real host executable: start-up against the embedded simulator, SIGTERM, config and token errors.</summary>
[TestClass]
[DoNotParallelize]
public sealed class HostProcessTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Sigterm_finalizes_every_app_and_exits_with_zero()
    {
        using var ws = new PluginWorkspace();
        ws.WritePlugin("PluginA", "v1", """apps.Register<TestApp, TestConfig>("a_app", new TestConfig());""");
        await ws.BuildAsync("PluginA");
        var config = Path.Combine(ws.Root, "config.yml");
        File.WriteAllText(config, "plugins: ./plugins\nsimulator:\n  port: 0\n");

        await using var host = StartHost(config);
        await host.WaitForLineAsync("running against a simulated Home Assistant", Patience);
        await host.WaitForLineAsync("HELLO a_app v1", Patience);
        await host.WaitForLineAsync("App a_app initialized", Patience);

        await host.TerminateAsync();
        Assert.AreEqual(0, await host.WaitForExitAsync(Patience), host.Text);
        StringAssert.Contains(host.Text, "BYE a_app v1");
        StringAssert.Contains(host.Text, "App a_app terminated");
    }

    [TestMethod]
    [DataRow("StuckTimerApp", "STUCK entered", 4)]
    [DataRow("ForegroundThreadApp", "FOREGROUND started", 0)]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Sigterm_exits_within_the_finalize_timeout_plus_5_s_whatever_an_app_does(string appClass, string started, int exitCode)
    {
        using var ws = new PluginWorkspace();
        ws.WritePlugin("PluginA", "v1", $$"""
            apps.Register<{{appClass}}>("bad");
            apps.Register<TestApp, TestConfig>("a_app", new TestConfig());
            """, extraCode: FaultPlugins.StuckTimer + FaultPlugins.ForegroundThread);
        await ws.BuildAsync("PluginA");
        var config = Path.Combine(ws.Root, "config.yml");
        File.WriteAllText(config, "plugins: ./plugins\nfinalize_timeout_s: 2\nsimulator:\n  port: 0\n");

        await using var host = StartHost(config);
        await host.WaitForLineAsync("App a_app initialized", Patience);
        await host.WaitForLineAsync(started, Patience);

        var clock = Stopwatch.StartNew();
        await host.TerminateAsync();
        Assert.AreEqual(exitCode, await host.WaitForExitAsync(Patience), host.Text);
        Assert.IsLessThan(TimeSpan.FromSeconds(2 + 5), clock.Elapsed, host.Text);
        StringAssert.Contains(host.Text, "BYE a_app v1", "the other apps still finalize");
        if (exitCode != 0)
        {
            StringAssert.Contains(host.Text, "App bad (plugin PluginA) was abandoned at shutdown: callback");
        }
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task An_invalid_config_exits_non_zero_naming_the_file_and_key()
    {
        var dir = Directory.CreateTempSubdirectory("domovoy-host-test").FullName;
        var config = Path.Combine(dir, "config.yml");
        File.WriteAllText(config, "plugins: ./plugins\ntimezone: Nowhere/Atlantis\n");
        await using var host = StartHost(config);
        Assert.AreEqual(2, await host.WaitForExitAsync(Patience));
        StringAssert.Contains(host.Text, config);
        StringAssert.Contains(host.Text, "timezone");
        StringAssert.Contains(host.Text, "line 2");
        Directory.Delete(dir, recursive: true);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task A_rejected_token_is_fatal_without_retry_and_never_printed()
    {
        await using var simulator = await HomeAssistantSimulator.StartAsync(new SimulatorOptions { Port = 0, AccessToken = "the-right-token" });
        var dir = Directory.CreateTempSubdirectory("domovoy-host-test").FullName;
        var config = Path.Combine(dir, "config.yml");
        File.WriteAllText(config, $"plugins: ./plugins\nhass:\n  url: {simulator.BaseUri}\n  token: wrong-token-4711\n");
        await using var host = StartHost(config);
        var exitCode = await host.WaitForExitAsync(Patience);
        Assert.AreNotEqual(0, exitCode, host.Text);
        Assert.AreEqual(1, simulator.FailedLogins, "a rejected token must not be retried (Home Assistant bans IPs that do)");
        Assert.IsFalse(host.Text.Contains("wrong-token-4711", StringComparison.Ordinal), "the token must never be logged");
        Directory.Delete(dir, recursive: true);
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>The real Domovoy.Host executable (built next to the tests) in its own process.</summary>
    private static ProcessOutput StartHost(string configPath)
        => ProcessOutput.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "Domovoy.Host.dll"), "--config", configPath], Path.GetDirectoryName(configPath)!, new Dictionary<string, string>());
}
