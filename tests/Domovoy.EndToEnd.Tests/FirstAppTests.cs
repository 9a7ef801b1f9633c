using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Domovoy.Tests.Shared;

namespace Domovoy.EndToEnd.Tests;

/// <summary>
/// The path from nothing to a running app, offline: pack Domovoy.Abstractions, Domovoy.Testing, Domovoy.Templates and the Domovoy.Tool
/// host into a temporary feed; install the templates (custom hive) and the tool (tool path); generate an app and a
/// config.yml; build the app from the local feed only; run the tool (embedded simulated Home Assistant); trigger
/// motion and see the app turn the light on; edit the app, rebuild and see exactly that app
/// reload. Every wait is on an output line (or, for the light's state, a poll with a deadline); no fixed sleeps.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class FirstAppTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan HostTimeout = TimeSpan.FromSeconds(90);

    private static string _root = null!;
    private static string _feed = null!;
    private static string _hive = null!;
    private static string _version = null!;
    private static string _tool = null!;
    private static Dictionary<string, string> _env = null!;

    public TestContext TestContext { get; set; } = null!;

    /// <summary>Packs the three packages (with the binaries the test build just produced) and installs the templates.</summary>
    [ClassInitialize]
    public static async Task PackAndInstallAsync(TestContext context)
    {
        _root = Path.Combine(Path.GetTempPath(), "domovoy-e2e", Guid.NewGuid().ToString("N"));
        _feed = Path.Combine(_root, "feed");
        _hive = Path.Combine(_root, "hive");
        Directory.CreateDirectory(_feed);
        _env = Environment(_root);
        var repo = RepositoryRoot();
        foreach (var project in new[] { "Domovoy.Abstractions", "Domovoy.Testing", "Domovoy.Templates", "Domovoy.Host" })
        {
            await ProcessOutput.RunAsync("dotnet", ["pack", Path.Combine(repo, project, project + ".csproj"), "-c", Configuration(), "--no-build", "-o", _feed, "-nologo", "-v", "q"], repo, _env, CommandTimeout);
        }

        _version = Path.GetFileNameWithoutExtension(Directory.GetFiles(_feed, "Domovoy.Templates.*.nupkg").Single())["Domovoy.Templates.".Length..];

        // Only the local feed, and the machine's package cache (a local folder) for Microsoft.Extensions.Logging.Abstractions and MSTest.
        File.WriteAllText(Path.Combine(_root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="domovoy-local" value="{_feed}" />
                <add key="machine-cache" value="{MachinePackagesFolder()}" />
              </packageSources>
            </configuration>
            """);

        // The templates go into a private hive, out of the user's template cache.
        await ProcessOutput.RunAsync("dotnet", ["new", "install", Path.Combine(_feed, $"Domovoy.Templates.{_version}.nupkg"), "--debug:custom-hive", _hive], _root, _env, CommandTimeout);

        // The host tool goes into a private tool path.
        var tools = Path.Combine(_root, "tools");
        await ProcessOutput.RunAsync("dotnet", ["tool", "install", "Domovoy.Tool", "--version", _version, "--tool-path", tools, "--add-source", _feed], _root, _env, CommandTimeout);
        _tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "domovoy.exe" : "domovoy");
        context.WriteLine($"feed {_feed}, version {_version}");
    }

    [ClassCleanup]
    public static void DeleteWorkFolder() => DeleteQuietly(_root);

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Template_app_builds_offline_runs_in_the_host_tool_reacts_to_the_simulated_home_and_reloads_after_an_edit()
    {
        var env = _env;
        var version = _version;
        var work = Path.Combine(_root, "home");
        Directory.CreateDirectory(work);

        // 1. Generate an app and a config.yml.
        await Dotnet(env, work, "new", "domovoy-app", "-o", Path.Combine(work, "KitchenLights"), "--debug:custom-hive", _hive);
        await Dotnet(env, work, "new", "domovoy-host", "-o", work, "--debug:custom-hive", _hive);

        var config = Path.Combine(work, "config.yml");
        StringAssert.Contains(File.ReadAllText(config), "plugins: ./plugins");

        // The simulator (used until a real Home Assistant is configured) must not collide with a running one.
        File.WriteAllText(config, File.ReadAllText(config).Replace("port: 8123", "port: 0", StringComparison.Ordinal));
        var source = Path.Combine(work, "KitchenLights", "KitchenLightsApp.cs");
        StringAssert.Contains(File.ReadAllText(Path.Combine(work, "KitchenLights", "Apps.cs")), "\"kitchen_lights\"");
        StringAssert.Contains(File.ReadAllText(Path.Combine(work, "KitchenLights", "KitchenLights.csproj")), $"Version=\"{version}\" ExcludeAssets=\"runtime\"");

        // 2. Build: the app lands in ./plugins/KitchenLights without Domovoy.Abstractions or its dependencies.
        await Dotnet(env, work, "build", Path.Combine(work, "KitchenLights"), "-nologo", "-v", "q");
        var pluginDir = Path.Combine(work, "plugins", "KitchenLights");
        Assert.IsTrue(File.Exists(Path.Combine(pluginDir, "KitchenLights.dll")), "the app must build into plugins/KitchenLights");
        Assert.IsFalse(File.Exists(Path.Combine(pluginDir, "Domovoy.Abstractions.dll")), "the host provides Domovoy.Abstractions");
        var foreign = Directory.GetFiles(pluginDir).Select(Path.GetFileName).Where(f => !f!.StartsWith("KitchenLights.", StringComparison.Ordinal)).ToList();
        Assert.IsEmpty(foreign, "the host provides Abstractions' dependencies (logging, Rx); found: " + string.Join(", ", foreign));

        // 3. Run the host tool on the generated config.
        using var host = ProcessOutput.Start(_tool, ["--config", config], work, env);
        var first = await host.WaitForAsync(
            l => l.Contains("App kitchen_lights initialized", StringComparison.Ordinal) || l.Contains("no Home Assistant connection configured", StringComparison.Ordinal) || l.Contains("App kitchen_lights failed", StringComparison.Ordinal),
            HostTimeout,
            "saying the app initialized or failed");
        if (first.Contains("no Home Assistant connection configured", StringComparison.Ordinal))
        {
            Assert.Fail("The host has no embedded simulated Home Assistant, so the template app cannot initialize:\n" + host.Text);
        }

        Assert.Contains("App kitchen_lights initialized", first, host.Text);

        // The app reacts to the simulated home: motion on → it calls light.turn_on → the light is on.
        var simulatorLine = await host.WaitForAsync(l => l.Contains("running against a simulated Home Assistant at ", StringComparison.Ordinal), HostTimeout, "naming the simulator's address");
        var match = Regex.Match(simulatorLine, @"simulated Home Assistant at (?<url>\S+) \(token (?<token>[^)]+)\)");
        Assert.IsTrue(match.Success, simulatorLine);
        using var http = new HttpClient { BaseAddress = new Uri(match.Groups["url"].Value), Timeout = HostTimeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", match.Groups["token"].Value);
        (await http.PostAsync("api/states/binary_sensor.hallway_motion", new StringContent("""{"state":"on"}"""))).EnsureSuccessStatusCode();
        await host.WaitForAsync(l => l.Contains("Motion at binary_sensor.hallway_motion: turning on light.hallway", StringComparison.Ordinal), HostTimeout, "from the app reacting to motion");
        await WaitForStateAsync(http, "light.hallway", "on");

        // 4. Edit the generated source and rebuild while the host runs: exactly this app reloads.
        File.WriteAllText(source, File.ReadAllText(source).Replace("\"Watching {Motion}", "\"Edited: watching {Motion}", StringComparison.Ordinal));
        await Dotnet(env, work, "build", Path.Combine(work, "KitchenLights"), "-nologo", "-v", "q");
        await host.WaitForAsync(l => l.Contains("Reloading app: kitchen_lights", StringComparison.Ordinal), HostTimeout, "'Reloading app: kitchen_lights'");
        await host.WaitForAsync(l => l.Contains("Edited: watching", StringComparison.Ordinal), HostTimeout, "from the edited app");
        await host.WaitForAsync(_ => host.Count("App kitchen_lights initialized") >= 2, HostTimeout, "saying the edited app initialized");
        Assert.AreEqual(1, host.Count("Reloading app: "), host.Text);
        Assert.AreEqual(0, host.Count("fail:"), host.Text);
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Template_options_rename_the_project_set_the_plugins_folder_and_version_and_add_a_passing_test_project()
    {
        var work = Path.Combine(_root, "options");
        Directory.CreateDirectory(work);
        var app = Path.Combine(work, "src", "Porch.Lights");

        await Dotnet(_env, work, "new", "domovoy-app", "-o", app, "-n", "Porch.Lights", "--with-tests", "--plugins-dir", "../../deployed", "--debug:custom-hive", _hive);
        await Dotnet(_env, work, "new", "domovoy-app", "-o", Path.Combine(work, "Pinned"), "--abstractions-version", "7.8.9", "--debug:custom-hive", _hive);

        // The name renames files, namespace and classes; the app name is its snake_case form.
        Assert.IsTrue(File.Exists(Path.Combine(app, "Porch.Lights.csproj")));
        var appSource = File.ReadAllText(Path.Combine(app, "PorchLightsApp.cs"));
        StringAssert.Contains(appSource, "namespace Porch.Lights;");
        StringAssert.Contains(appSource, "class PorchLightsApp");
        StringAssert.Contains(File.ReadAllText(Path.Combine(app, "Apps.cs")), "\"porch_lights\"");
        StringAssert.Contains(File.ReadAllText(Path.Combine(work, "Pinned", "Pinned.csproj")), "Include=\"Domovoy.Abstractions\" Version=\"7.8.9\"");
        Assert.IsFalse(Directory.Exists(Path.Combine(work, "Pinned", "Pinned.Tests")), "tests only with --with-tests");

        // The generated tests (registration, config and behaviour with Domovoy.Testing) pass, restored offline; the app
        // builds into the chosen plugins folder.
        var output = await Dotnet(_env, work, "test", Path.Combine(app, "Porch.Lights.Tests"), "-nologo");
        StringAssert.Contains(output, "Passed!");
        StringAssert.Matches(output, new Regex(@"Failed:\s+0, Passed:\s+5\b"), "the two registration tests and the three behaviour tests");
        Assert.IsTrue(File.Exists(Path.Combine(work, "deployed", "Porch.Lights", "Porch.Lights.dll")), output);
        Assert.IsFalse(File.Exists(Path.Combine(work, "deployed", "Porch.Lights", "Domovoy.Abstractions.dll")));

        // domovoy-host for a real Home Assistant: the host accepts the config and asks for the token from the environment.
        var real = Path.Combine(work, "real");
        await Dotnet(_env, work, "new", "domovoy-host", "-o", real, "--hass-url", "ws://homeassistant.invalid:8123", "--timezone", "America/New_York", "--debug:custom-hive", _hive);
        var realConfig = File.ReadAllText(Path.Combine(real, "config.yml"));
        StringAssert.Contains(realConfig, "url: ws://homeassistant.invalid:8123");
        StringAssert.Contains(realConfig, "token_env: HASS_TOKEN");
        StringAssert.Contains(realConfig, "timezone: America/New_York");
        Assert.IsFalse(realConfig.Contains("\nsimulator:", StringComparison.Ordinal), realConfig);
        var env = new Dictionary<string, string>(_env) { ["HASS_TOKEN"] = string.Empty };
        using var host = ProcessOutput.Start(_tool, ["--config", Path.Combine(real, "config.yml")], real, env);
        await host.WaitForAsync(l => l.Contains("'hass.token_env' names environment variable 'HASS_TOKEN', which is not set", StringComparison.Ordinal), HostTimeout, "asking for HASS_TOKEN");
    }

    /// <summary>Polls the simulator's REST API until the entity has the state (the service call is asynchronous).</summary>
    private static async Task WaitForStateAsync(HttpClient http, string entityId, string state)
    {
        var deadline = DateTime.UtcNow + HostTimeout;
        string last;
        do
        {
            last = await http.GetStringAsync($"api/states/{entityId}");
            using var json = JsonDocument.Parse(last);
            if (json.RootElement.GetProperty("state").GetString() == state)
            {
                return;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"{entityId} did not become '{state}' within {HostTimeout}; last: {last}");
    }

    private Task<string> Dotnet(IReadOnlyDictionary<string, string> env, string workingDirectory, params string[] args)
    {
        TestContext.WriteLine("dotnet " + string.Join(' ', args));
        return ProcessOutput.RunAsync("dotnet", args, workingDirectory, env, CommandTimeout);
    }

    private static Dictionary<string, string> Environment(string root) => new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        // A private package folder: the freshly packed Domovoy.Abstractions is used, never a stale cached copy.
        ["NUGET_PACKAGES"] = Path.Combine(root, "packages"),
    };

    private static string MachinePackagesFolder()
        => System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The build configuration of the test binaries (…/bin/&lt;Configuration&gt;/net10.0/).</summary>
    private static string Configuration()
        => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Domovoy.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Domovoy.sln above {AppContext.BaseDirectory}.");
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Temp leftovers are harmless.
        }
    }
}
