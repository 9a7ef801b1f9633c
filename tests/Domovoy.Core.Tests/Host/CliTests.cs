using Domovoy.Core.HomeAssistant.Snapshot;
using Domovoy.Core.Tests.Infrastructure;
using Domovoy.Simulator;
using Domovoy.Tests.Shared;

namespace Domovoy.Core.Tests.Host;

/// <summary>
/// The <c>domovoy</c> command line, run as the real host executable: <c>codegen</c> against a live (simulated) Home
/// Assistant, <c>codegen --check</c> after the home changed, and <c>check</c> on a plugin with a missing dependency.
/// </summary>
[TestClass]
public sealed class CliTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public TestContext TestContext { get; set; } = null!;

    private static string HostDll => Path.Combine(AppContext.BaseDirectory, "Domovoy.Host.dll");

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Codegen_writes_a_stable_snapshot_and_check_names_what_changed_in_the_home()
    {
        var dir = Directory.CreateTempSubdirectory("domovoy-codegen").FullName;
        try
        {
            await using var simulator = await HomeAssistantSimulator.StartAsync(new SimulatorOptions { Port = 0 }, TestContext.CancellationToken);
            var tokenFile = Path.Combine(dir, "token");
            await File.WriteAllTextAsync(tokenFile, simulator.AccessToken + "\n", TestContext.CancellationToken);
            string[] connect = ["--url", simulator.BaseUri.ToString(), "--token-file", tokenFile];

            var (code, output) = await RunAsync(["codegen", "-o", dir, .. connect], dir);
            Assert.AreEqual(0, code, output);
            var path = Path.Combine(dir, HassSnapshot.FileName);
            var first = await File.ReadAllTextAsync(path, TestContext.CancellationToken);
            var snapshot = HassSnapshotJson.Read(first);
            var light = snapshot.Entities.Single(e => e.EntityId == "light.kitchen");
            Assert.AreEqual("Kitchen Light", light.FriendlyName);
            Assert.AreEqual("Kitchen Ceiling Light", light.Device);
            Assert.AreEqual("kitchen", light.Area);
            CollectionAssert.Contains(light.Labels!.ToArray(), "lighting");
            var turnOn = snapshot.Services.Single(s => s is { Domain: "light", Service: "turn_on" });
            CollectionAssert.AreEqual(new[] { "light" }, turnOn.TargetDomains!.ToArray());
            Assert.IsTrue(turnOn.Fields.Any(f => f.Name == "brightness_pct" && f.Selector is not null), "fields keep their selectors");
            Assert.IsFalse(first.Contains('\r', StringComparison.Ordinal), "\\n line ends only");

            // The same home gives the same bytes, and --check agrees.
            (code, output) = await RunAsync(["codegen", "-o", dir, .. connect], dir);
            Assert.AreEqual(0, code, output);
            Assert.AreEqual(first, await File.ReadAllTextAsync(path, TestContext.CancellationToken));
            (code, output) = await RunAsync(["codegen", "-o", dir, "--check", .. connect], dir);
            Assert.AreEqual(0, code, output);
            StringAssert.Contains(output, "is up to date");

            // The home changes: --check fails naming each change, and writes nothing.
            await simulator.SetStateAsync("sensor.garage_humidity", "55", new Dictionary<string, object?> { ["unit_of_measurement"] = "%", ["state_class"] = "measurement" });
            await simulator.RemoveStateAsync("binary_sensor.front_door");
            (code, output) = await RunAsync(["codegen", "-o", dir, "--check", .. connect], dir);
            Assert.AreEqual(5, code, output);
            StringAssert.Contains(output, "added entity sensor.garage_humidity");
            StringAssert.Contains(output, "removed entity binary_sensor.front_door");
            Assert.AreEqual(first, await File.ReadAllTextAsync(path, TestContext.CancellationToken));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Check_fails_on_a_plugin_with_a_missing_dependency_naming_it_and_passes_the_others()
    {
        using var ws = new PluginWorkspace();
        ws.WriteHelper("v1");
        ws.WritePlugin("PluginA", "v1", """apps.Register<TestApp, TestConfig>("a_app", new TestConfig());""", useHelper: true);
        ws.WritePlugin("PluginB", "v1", """apps.Register<TestApp, TestConfig>("b_app", new TestConfig());""");
        await ws.BuildAsync("PluginA");
        await ws.BuildAsync("PluginB");

        var (code, output) = await RunAsync(["check", "--plugins", ws.PluginsPath], ws.Root);
        Assert.AreEqual(0, code, output);
        StringAssert.Contains(output, "ok     plugin PluginA: TestApp.a_app");

        File.Delete(ws.PluginDll("PluginA", "SharedHelper.dll"));
        (code, output) = await RunAsync(["check", "--plugins", ws.PluginsPath], ws.Root);
        Assert.AreEqual(5, code, output);
        StringAssert.Contains(output, "error  plugin PluginA: SharedHelper 1.0.0.0 (referenced by PluginA.dll) is missing");
        StringAssert.Contains(output, "ok     plugin PluginB: TestApp.b_app");
        StringAssert.Contains(output, "2 plugins checked");
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Check_with_a_snapshot_warns_about_a_config_entity_it_does_not_have_and_strict_fails_on_it()
    {
        using var ws = new PluginWorkspace();
        ws.WritePlugin("Lights", "v1", """apps.Register<LightsApp, LightsConfig>("hall", new LightsConfig { Light = new LightEntity("light.halway") });""", extraCode: """
            public sealed class LightsConfig : AppConfigBase
            {
                public required LightEntity Light { get; init; }
            }

            public sealed class LightsApp : AppBase<LightsConfig>
            {
                public override Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);
        await ws.BuildAsync("Lights");
        var snapshot = Path.Combine(PluginWorkspace.RepositoryRoot, "samples", HassSnapshot.FileName);

        var (code, output) = await RunAsync(["check", "--plugins", ws.PluginsPath, "--snapshot", snapshot], ws.Root);
        Assert.AreEqual(0, code, output);
        StringAssert.Contains(output, $"warn   plugin Lights: app hall: config field Light names light.halway, which {snapshot} does not have (did you mean light.hallway?)");
        StringAssert.Contains(output, "1 ok, 0 with problems, 1 warning");

        (code, output) = await RunAsync(["check", "--plugins", ws.PluginsPath, "--snapshot", snapshot, "--strict"], ws.Root);
        Assert.AreEqual(5, code, output);
        StringAssert.Contains(output, "(--strict: failing)");

        (code, output) = await RunAsync(["check", "--plugins", ws.PluginsPath, "--snapshot", Path.Combine(ws.Root, "missing.json")], ws.Root);
        Assert.AreEqual(2, code, output);
        StringAssert.Contains(output, "domovoy codegen");
    }

    private async Task<(int Code, string Output)> RunAsync(string[] args, string workingDirectory)
    {
        using var process = ProcessOutput.Start("dotnet", [HostDll, .. args], workingDirectory, new Dictionary<string, string>());
        var code = await process.WaitForExitAsync(Patience);
        return (code, process.Text);
    }
}
