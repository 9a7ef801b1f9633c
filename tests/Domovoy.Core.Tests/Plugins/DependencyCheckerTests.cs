using Domovoy.Core.Apps.Registration;
using Domovoy.Core.Plugins;
using Domovoy.Core.Plugins.Loading;
using Domovoy.Core.Tests.Infrastructure;
using Domovoy.Tests.Shared;

namespace Domovoy.Core.Tests.Plugins;

/// <summary>
/// Missing dependencies are caught while loading, before any app is touched: the dependency checker over real plugin
/// builds (project references, NuGet packages with runtimes/ and satellite assets, the samples) and the host refusing a
/// version whose helper DLL was deleted while the previous version keeps running.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class DependencyCheckerTests
{
    private static readonly Dictionary<string, string> BuildEnvironment = new() { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_deleted_dependency_fails_the_load_naming_it_and_its_user_while_the_running_version_keeps_serving()
    {
        using var ws = new PluginWorkspace();
        WriteHelperChain(ws);
        ws.WritePlugin("PluginA", "v1", """apps.Register<TestApp, TestConfig>("a_app", new TestConfig());""", useHelper: true);
        ws.WritePlugin("PluginB", "v1", """apps.Register<TestApp, TestConfig>("b_app", new TestConfig());""");
        await ws.BuildAsync("PluginA");
        await ws.BuildAsync("PluginB");
        var checker = new DependencyChecker(new HostAssemblies());
        Assert.IsEmpty(checker.FindMissing(ws.PluginDll("PluginA")), "a complete build has no missing dependency");

        await using (var host = await EngineHost.StartAsync(ws))
        {
            await host.Logs.WaitForAsync("HELLO a_app v1 helper-via-inner");
            await host.Logs.WaitForAsync("HELLO b_app v1");
            var running = host.LatestVersion("PluginA");

            File.Delete(ws.PluginDll("PluginA", "Inner.dll"));
            var failed = await host.WaitForPluginAsync(PluginEventKind.LoadFailed, "PluginA");

            StringAssert.Contains(failed.Detail, "Inner 1.0.0.0 (referenced by SharedHelper.dll) is missing");
            StringAssert.Contains(failed.Detail, "Copy Inner.dll into the plugin folder");
            var logged = await host.Logs.WaitForAsync(l => l.Message.StartsWith("Failed to reload plugin PluginA", StringComparison.Ordinal));
            StringAssert.Contains(logged.Message, "Inner");
            Assert.AreEqual(0, host.Logs.Count("BYE a_app"), "the running version was not touched");
            Assert.AreEqual(0, host.Logs.Count("BYE b_app"));
            Assert.AreEqual(running, host.LatestVersion("PluginA"));
        }

        // The direct dependency gone too: it is reported with the plugin's main assembly as its user, and what only it
        // referenced (Inner) is not reported again.
        File.Delete(ws.PluginDll("PluginA", "SharedHelper.dll"));
        var missing = checker.FindMissing(ws.PluginDll("PluginA"));
        Assert.HasCount(1, missing);
        Assert.AreEqual("SharedHelper", missing[0].Name);
        CollectionAssert.AreEqual(new[] { "PluginA.dll" }, missing[0].ReferencedBy.ToArray());

        var loader = new PluginVersionLoader(new AppConfigValidator());
        var shadow = Path.Combine(ws.PluginsPath, "PluginA");
        var fingerprint = await PluginFingerprint.ComputeAsync(shadow, PluginFiles.List(shadow), TestContext.CancellationToken);
        var refused = Assert.ThrowsExactly<PluginLoadException>(() => loader.Load("PluginA", 1, shadow, fingerprint));
        StringAssert.Contains(refused.Message, "SharedHelper 1.0.0.0 (referenced by PluginA.dll) is missing");
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task NuGet_dependencies_with_runtime_specific_native_and_satellite_assets_resolve_and_load()
    {
        using var ws = new PluginWorkspace();
        ws.WritePlugin(
            "PluginN",
            "v1",
            """apps.Register<TestApp, TestConfig>("n_app", new TestConfig());""",
            extraCode: """
                public static class UsesPackages
                {
                    public static string Port() => new System.IO.Ports.SerialPort().PortName;

                    public static string Words() => Humanizer.StringHumanizeExtensions.Humanize("plugin_name");

                    public static string Database() => new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:").ConnectionString;
                }
                """);
        var project = Path.Combine(ws.SourcePath, "PluginN", "PluginN.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "</ItemGroup>",
            """
            <PackageReference Include="System.IO.Ports" Version="11.0.0" />
            <PackageReference Include="Humanizer.Core" Version="3.0.10" />
            <PackageReference Include="Humanizer.Core.de" Version="3.0.10" />
            <PackageReference Include="Microsoft.Data.Sqlite" Version="11.0.0" />
            </ItemGroup>
            """,
            StringComparison.Ordinal));
        await ws.BuildAsync("PluginN");
        var folder = Path.Combine(ws.PluginsPath, "PluginN");
        Assert.IsTrue(Directory.EnumerateFiles(folder, "System.IO.Ports.dll", SearchOption.AllDirectories).Any(f => f.Contains($"{Path.DirectorySeparatorChar}runtimes{Path.DirectorySeparatorChar}", StringComparison.Ordinal)), "the package ships a runtimes/ build (the case under test)");
        Assert.IsTrue(File.Exists(Path.Combine(folder, "de", "Humanizer.resources.dll")), "the satellite assembly is copied (the case under test)");

        Assert.IsTrue(Directory.EnumerateFiles(folder, "*.dll", SearchOption.AllDirectories).Any(f => f.Contains($"{Path.DirectorySeparatorChar}native{Path.DirectorySeparatorChar}", StringComparison.Ordinal)), "the package ships native DLLs (the case under test)");

        Assert.IsNull(PluginFileChecker.FindIncompleteFile(folder, PluginFiles.List(folder)), "a native DLL is a complete file, not a half-written assembly");
        Assert.IsEmpty(new DependencyChecker(new HostAssemblies()).FindMissing(ws.PluginDll("PluginN")));
        var version = new PluginVersionLoader(new AppConfigValidator()).Load("PluginN", 1, folder, await PluginFingerprint.ComputeAsync(folder, PluginFiles.List(folder), TestContext.CancellationToken));
        Assert.HasCount(1, version.Registrations);
        version.Unload();
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task The_samples_have_no_missing_dependency()
    {
        var samples = Path.Combine(PluginWorkspace.RepositoryRoot, "samples");
        var plugins = Directory.GetDirectories(samples).Select(Path.GetFileName).OfType<string>()
            .Where(n => n != "Helpers" && n != "plugins" && File.Exists(Path.Combine(samples, n, n + ".csproj")))
            .ToArray();
        Assert.IsNotEmpty(plugins);
        var checker = new DependencyChecker(new HostAssemblies());
        foreach (var plugin in plugins)
        {
            await ProcessOutput.RunAsync("dotnet", ["build", Path.Combine(samples, plugin, plugin + ".csproj"), "-nologo", "-v", "q", "-clp:ErrorsOnly"], samples, BuildEnvironment, TimeSpan.FromMinutes(5));
            var missing = checker.FindMissing(Path.Combine(samples, "plugins", plugin, plugin + ".dll"));
            Assert.IsEmpty(missing, $"{plugin}: {string.Join("; ", missing.Select(m => m.Describe()))}");
        }
    }

    [TestMethod]
    public void The_host_provides_the_shared_framework_and_the_host_shared_assemblies_without_loading_them()
    {
        var host = new HostAssemblies();
        Assert.IsTrue(host.Provides("System.Runtime"));
        Assert.IsTrue(host.Provides("System.IO.Compression.Brotli"), "a framework assembly the tests never load is known from the trusted platform list");
        Assert.IsTrue(host.Provides("Domovoy.Abstractions"));
        Assert.IsTrue(host.Provides("Microsoft.Extensions.Logging.Abstractions"));
        Assert.IsFalse(host.Provides("SharedHelper"));
        Assert.IsFalse(host.Provides("No.Such.Assembly"));
    }

    /// <summary>SharedHelper → Inner: a plugin using the helper carries both DLLs, and Inner is only a transitive dependency.</summary>
    private static void WriteHelperChain(PluginWorkspace ws)
    {
        ws.WriteHelper("unused");
        var inner = Path.Combine(ws.SourcePath, "Inner");
        Directory.CreateDirectory(inner);
        File.WriteAllText(Path.Combine(inner, "Inner.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(inner, "Text.cs"), """
            namespace Inner;
            public static class Text
            {
                public static string Value() => "helper-via-inner";
            }
            """);
        var helper = Path.Combine(ws.SourcePath, "SharedHelper");
        File.WriteAllText(Path.Combine(helper, "SharedHelper.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>
              <ItemGroup><ProjectReference Include="../Inner/Inner.csproj" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(helper, "Helper.cs"), """
            namespace SharedHelper;
            public static class Helper
            {
                public static string Describe() => Inner.Text.Value();
            }
            """);
    }
}
