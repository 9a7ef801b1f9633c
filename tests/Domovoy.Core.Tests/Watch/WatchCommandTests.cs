using Domovoy.Core.Tests.Infrastructure;
using Domovoy.Tests.Shared;

namespace Domovoy.Core.Tests.Watch;

/// <summary><c>domovoy watch</c> run as the real host executable: the subcommand, its arguments and config.yml's dev: section.</summary>
[TestClass]
[DoNotParallelize]
public sealed class WatchCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static string HostDll => Path.Combine(AppContext.BaseDirectory, "Domovoy.Host.dll");

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Watch_from_the_dev_section_runs_the_host_and_reloads_a_save_then_stops_cleanly()
    {
        using var ws = new PluginWorkspace();
        ws.WritePlugin("PluginA", "v1", """apps.Register<TestApp, TestConfig>("a_app", new TestConfig());""");
        await ws.BuildAsync("PluginA");
        var config = Path.Combine(ws.Root, "config.yml");
        await File.WriteAllTextAsync(config, $"plugins: ./plugins\nlog_level: information\nsimulator:\n  port: 0\ndev:\n  projects: [./src/PluginA]\n");

        await using var host = ProcessOutput.Start("dotnet", [HostDll, "watch", "--config", config], ws.Root, new Dictionary<string, string>());
        await host.WaitForLineAsync("HELLO a_app v1", Patience);
        await host.WaitForLineAsync("Watching 1 app project(s) for changes: PluginA", Patience);

        var source = Path.Combine(ws.SourcePath, "PluginA", "Plugin.cs");
        await File.WriteAllTextAsync(source, (await File.ReadAllTextAsync(source)).Replace("\"v1\"", "\"v2\"", StringComparison.Ordinal));
        await host.WaitForLineAsync("HELLO a_app v2", Patience);
        Assert.AreEqual(1, host.Count("PluginA: compiled in"), host.Text);

        await host.TerminateAsync();
        Assert.AreEqual(0, await host.WaitForExitAsync(Patience), host.Text);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Watch_without_projects_or_with_a_missing_one_exits_2_naming_the_fix()
    {
        var dir = Directory.CreateTempSubdirectory("domovoy-watch-cli").FullName;
        try
        {
            var config = Path.Combine(dir, "config.yml");
            await File.WriteAllTextAsync(config, "plugins: ./plugins\n");
            var none = ProcessOutput.Start("dotnet", [HostDll, "watch", "--config", config], dir, new Dictionary<string, string>());
            Assert.AreEqual(2, await none.WaitForExitAsync(Patience), none.Text);
            StringAssert.Contains(none.Text, "domovoy watch needs app projects");
            none.Dispose();

            var missing = ProcessOutput.Start("dotnet", [HostDll, "watch", Path.Combine(dir, "Nope.csproj"), "--config", config], dir, new Dictionary<string, string>());
            Assert.AreEqual(2, await missing.WaitForExitAsync(Patience), missing.Text);
            StringAssert.Contains(missing.Text, $"domovoy watch: {Path.Combine(dir, "Nope.csproj")} does not exist");
            missing.Dispose();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
