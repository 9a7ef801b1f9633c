using System.Diagnostics;
using Domovoy.Abstractions;
using Domovoy.Core.Plugins;
using Domovoy.Core.Tests.Infrastructure;
using Domovoy.Simulator;

namespace Domovoy.Core.Tests.Plugins;

/// <summary>
/// The reload transaction under the faults users make: real plugin projects built with the SDK, a real engine host
/// connected to the simulated Home Assistant, real file changes. During every fault another plugin's app must answer a
/// ping (an event through Home Assistant, answered with a service call) within a second, and after it the plugin serves
/// again with a working version. Every wait is on an event, a log line or a state.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ReloadFaultTests
{
    private static readonly TimeSpan PingPatience = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static int _ping;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_v2_whose_InitializeAsync_throws_rolls_back_and_v1_keeps_answering()
    {
        await using var f = await Fixture.StartAsync(faultyV1: Responder("faulty", "v1"));
        f.Workspace.WritePlugin("Faulty", "v2", Responder("faulty", "v2") + """apps.Register<TestApp, TestConfig>("broken", new TestConfig { FailOnInit = true });""", extraCode: FaultPlugins.Responder);
        await f.Workspace.BuildAsync("Faulty");

        var rolledBack = await f.Host.WaitForAsync<PluginEvent>(e => e.Kind == PluginEventKind.RolledBack && e.PluginName == "Faulty");
        Assert.AreEqual(1, rolledBack.Version, "the event names the version that keeps running");
        var line = await f.Host.Logs.WaitForAsync("Failed to reload plugin Faulty: ");
        StringAssert.Contains(line.Message, "broken: InitializeAsync threw InvalidOperationException: boom from broken");
        StringAssert.Contains(line.Message, "Version 1 keeps running.");
        await f.PingAsync("faulty", "v1");
        await f.PingAsync("pong", "v1");
        Assert.AreEqual(0, f.Host.Logs.Count("Plugin Faulty version 2 loaded"), "a rolled-back version is never reported as loaded");
        Assert.AreEqual(1, f.Host.Engine.GetStats().FailedReloads);
        Assert.AreEqual(AppStatus.Running, f.Host.Engine.GetApps().Single(a => a.Name == "faulty").Status);
        Assert.IsFalse(f.Host.Engine.GetApps().Any(a => a.Name == "broken"), "the failed version's apps are gone");
    }

    [TestMethod]
    [DataRow("HungAsyncApp", "HUNG-ASYNC entered")]
    [DataRow("HungSyncApp", "HUNG-SYNC entered")]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_hung_InitializeAsync_is_abandoned_and_rolled_back_while_other_plugins_serve(string appClass, string entered)
    {
        await using var f = await Fixture.StartAsync(faultyV1: Responder("faulty", "v1"), initializeTimeout: TimeSpan.FromSeconds(4));
        f.Workspace.WritePlugin("Faulty", "v2", Responder("faulty", "v2") + $"""apps.Register<{appClass}>("hung");""", extraCode: FaultPlugins.Responder + FaultPlugins.HungInit);
        await f.Workspace.BuildAsync("Faulty");

        await f.Host.Logs.WaitForAsync(entered, Patience);
        var clock = Stopwatch.StartNew();
        await f.PingAsync("pong", "v1");
        await f.Host.WaitForAsync<PluginEvent>(e => e.Kind == PluginEventKind.RolledBack && e.PluginName == "Faulty");
        var bound = f.InitializeTimeout + f.FinalizeTimeout + TimeSpan.FromSeconds(2);
        Assert.IsLessThan(bound, clock.Elapsed, $"the hung init is abandoned within its deadlines ({bound.TotalSeconds} s)");
        StringAssert.Contains((await f.Host.Logs.WaitForAsync("App hung abandoned")).Message, "InitializeAsync");
        StringAssert.Contains((await f.Host.Logs.WaitForAsync("Failed to reload plugin Faulty: ")).Message, "hung: InitializeAsync did not finish within 4 s");
        await f.PingAsync("faulty", "v1");
        await f.PingAsync("pong", "v1");
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_callback_that_ignores_its_token_delays_only_its_own_plugin_and_only_until_the_deadline()
    {
        await using var f = await Fixture.StartAsync(
            faultyV1: Responder("faulty", "v1") + """apps.Register<StuckApp>("stuck");""",
            faultyCode: FaultPlugins.StuckCallback,
            finalizeTimeout: TimeSpan.FromSeconds(8));
        var pongV2 = f.Stage("Pong", Responder("pong", "v2"));
        var faultyV2 = f.Stage("Faulty", Responder("faulty", "v2") + """apps.Register<StuckApp>("stuck");""", FaultPlugins.StuckCallback);
        await Task.WhenAll(pongV2, faultyV2);

        await f.Hass.FireEventAsync("domovoy_stuck");
        await f.Host.Logs.WaitForAsync("STUCK entered", Patience);
        f.Workspace.CopyIntoPlugins(await faultyV2, "Faulty");
        await f.Host.Logs.WaitForAsync("Reloading app: stuck", Patience);
        var clock = Stopwatch.StartNew();

        // Another plugin's save goes through while the stuck plugin's reload is still waiting for its deadline.
        f.Workspace.CopyIntoPlugins(await pongV2, "Pong");
        await f.Host.WaitForPluginAsync(PluginEventKind.Loaded, "Pong", afterVersion: 1);
        Assert.AreEqual(1, f.Host.LatestVersion("Faulty"), "the stuck plugin's reload is still in progress");
        await f.PingAsync("pong", "v2");

        await f.Host.WaitForPluginAsync(PluginEventKind.Loaded, "Faulty", afterVersion: 1);
        Assert.IsLessThan(f.FinalizeTimeout + TimeSpan.FromSeconds(2), clock.Elapsed, "the stuck plugin's save completes within the finalize timeout + 2 s");
        StringAssert.Contains((await f.Host.Logs.WaitForAsync("App stuck abandoned: callback")).Message, "did not return within 8 s");
        await f.PingAsync("faulty", "v2");
        Assert.AreEqual(1, f.Host.Engine.GetStats().AbandonedApps);
    }

    [TestMethod]
    [DataRow("ThrowingFinalizeApp", "App bad: FinalizeAsync threw InvalidOperationException: finalize boom", 0)]
    [DataRow("HangingFinalizeApp", "App bad abandoned: FinalizeAsync did not finish within 2 s", 1)]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_FinalizeAsync_that_throws_or_hangs_does_not_stop_the_new_version(string appClass, string expected, int abandoned)
    {
        var registrations = Responder("faulty", "v1") + $"""apps.Register<{appClass}>("bad");""";
        await using var f = await Fixture.StartAsync(faultyV1: registrations, faultyCode: FaultPlugins.BadFinalize);
        f.Workspace.WritePlugin("Faulty", "v2", registrations.Replace("\"v1\"", "\"v2\"", StringComparison.Ordinal), extraCode: FaultPlugins.Responder + FaultPlugins.BadFinalize);
        await f.Workspace.BuildAsync("Faulty");

        await f.Host.WaitForPluginAsync(PluginEventKind.Loaded, "Faulty", afterVersion: 1);
        await f.Host.Logs.WaitForAsync(expected);
        await f.PingAsync("faulty", "v2");
        await f.PingAsync("pong", "v1");
        Assert.AreEqual(abandoned, f.Host.Engine.GetStats().AbandonedApps);
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_missing_dependency_keeps_the_running_version()
    {
        await using var f = await Fixture.StartAsync(faultyV1: Responder("faulty", "v1") + """apps.Register<TestApp, TestConfig>("helper_user", new TestConfig());""", useHelper: true);
        await f.Host.Logs.WaitForAsync("HELLO helper_user v1 helper-v1");

        File.Delete(f.Workspace.PluginDll("Faulty", "SharedHelper.dll"));
        var line = await f.Host.Logs.WaitForAsync("Failed to reload plugin Faulty: ", Patience);
        StringAssert.Contains(line.Message, "SharedHelper");
        StringAssert.Contains(line.Message, "Version 1 keeps running.");
        await f.PingAsync("faulty", "v1");
        await f.PingAsync("pong", "v1");
        Assert.AreEqual(AppStatus.Running, f.Host.Engine.GetApps().Single(a => a.Name == "helper_user").Status);
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_throwing_constructor_rolls_back()
    {
        await using var f = await Fixture.StartAsync(faultyV1: Responder("faulty", "v1"));
        f.Workspace.WritePlugin("Faulty", "v2", Responder("faulty", "v2") + """apps.Register<ThrowingCtorApp>("ctor");""", extraCode: FaultPlugins.Responder + FaultPlugins.ThrowingConstructor);
        await f.Workspace.BuildAsync("Faulty");

        var line = await f.Host.Logs.WaitForAsync("Failed to reload plugin Faulty: ", Patience);
        StringAssert.Contains(line.Message, "ctor: creating ThrowingCtorApp threw InvalidOperationException: ctor boom");
        await f.PingAsync("faulty", "v1");
        await f.Host.WaitForAsync<PluginEvent>(e => e.Kind == PluginEventKind.RolledBack && e.PluginName == "Faulty");
        Assert.IsFalse(f.Host.Engine.GetApps().Any(a => a.Name == "ctor"));
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_v2_that_takes_another_plugins_app_name_is_rejected_before_anything_stops()
    {
        await using var f = await Fixture.StartAsync(faultyV1: Responder("faulty", "v1"));
        f.Workspace.WritePlugin("Faulty", "v2", Responder("pong", "stolen"), extraCode: FaultPlugins.Responder);
        await f.Workspace.BuildAsync("Faulty");

        var line = await f.Host.Logs.WaitForAsync("Failed to reload plugin Faulty: ", Patience);
        StringAssert.Contains(line.Message, "pong: the name is already used by plugin 'Pong'. Version 1 keeps running.");
        Assert.AreEqual(0, f.Host.Logs.Count("Reloading app: faulty"), "nothing was stopped");
        await f.PingAsync("faulty", "v1");
        await f.PingAsync("pong", "v1");
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_byte_identical_rebuild_reloads_nothing_and_reports_nothing()
    {
        await using var f = await Fixture.StartAsync(faultyV1: Responder("faulty", "v1"));
        var before = f.Host.Events.OfType<PluginEvent>().Count(e => e.Kind == PluginEventKind.Unchanged && e.PluginName == "Faulty");

        // --no-incremental deletes the outputs first: the folder is without its main DLL for a moment.
        await f.Workspace.BuildAsync("Faulty", "--no-incremental");
        await f.Host.WaitForAsync<PluginEvent>(e => e.Kind == PluginEventKind.Unchanged && e.PluginName == "Faulty"
            && f.Host.Events.OfType<PluginEvent>().Count(x => x.Kind == PluginEventKind.Unchanged && x.PluginName == "Faulty") > before);
        await f.PingAsync("faulty", "v1");
        Assert.AreEqual(0, f.Host.Logs.Count("Failed to reload plugin"), f.Host.Logs.AllText);
        Assert.AreEqual(0, f.Host.Logs.Count("Reloading app: faulty"));
        Assert.AreEqual(1, f.Host.LatestVersion("Faulty"));
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_reload_during_a_Home_Assistant_restart_waits_for_it_and_then_starts()
    {
        await using var f = await Fixture.StartAsync(faultyV1: """apps.Register<ServiceOnInitApp, ResponderConfig>("needs_hass", new ResponderConfig { Reply = "v1" });""", faultyCode: FaultPlugins.ServiceOnInit);
        Assert.AreEqual(AppStatus.Running, f.Host.Engine.GetApps().Single(a => a.Name == "needs_hass").Status, "v1's InitializeAsync called its service");
        var v2 = await f.Stage("Faulty", """apps.Register<ServiceOnInitApp, ResponderConfig>("needs_hass", new ResponderConfig { Reply = "v2" });""", FaultPlugins.ServiceOnInit);

        var restart = f.Hass.RestartAsync(TimeSpan.FromSeconds(3));
        await f.Hass.WaitForCoreStateAsync("NOT_RUNNING").WaitAsync(Patience);
        f.Workspace.CopyIntoPlugins(v2, "Faulty");
        await f.Host.Logs.WaitForAsync("Plugin Faulty: waiting for Home Assistant", Patience);
        await restart.WaitAsync(Patience);
        await f.Host.WaitForPluginAsync(PluginEventKind.Loaded, "Faulty", afterVersion: 1);
        await f.Hass.WaitForStateAsync(FaultPlugins.ReplyEntity, s => s == "init v2").WaitAsync(Patience);
        Assert.AreEqual(AppStatus.Running, f.Host.Engine.GetApps().Single(a => a.Name == "needs_hass").Status);
        Assert.AreEqual(0, f.Host.Logs.Count("Failed to reload plugin"), f.Host.Logs.AllText);
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Twenty_rapid_saves_end_with_the_last_content_running()
    {
        await using var f = await Fixture.StartAsync(faultyV1: Responder("faulty", "v1"));
        var a = await f.Stage("Faulty", Responder("faulty", "a"));
        var b = await f.Stage("Faulty", Responder("faulty", "b"));

        for (var save = 0; save < 20; save++)
        {
            f.Workspace.CopyIntoPlugins(save % 2 == 0 ? a : b, "Faulty");
            await f.PingAsync("pong", "v1");
        }

        // The last save wrote b: whatever was coalesced, b ends up running and nothing failed.
        await WaitUntilAsync(async () => await f.TryPingAsync("faulty", "b"));
        Assert.AreEqual(0, f.Host.Logs.Count("Failed to reload plugin"), f.Host.Logs.AllText);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.IsLessThan(Patience, deadline.Elapsed, "condition not met in time");
        }
    }

    private static string Responder(string app, string reply)
        => $$"""apps.Register<ResponderApp, ResponderConfig>("{{app}}", new ResponderConfig { Reply = "{{reply}}" });""";

    /// <summary>A simulated Home Assistant, a workspace with the plugins Pong and Faulty, and an engine host on both.</summary>
    private sealed class Fixture : IAsyncDisposable
    {
        private int _stages;

        private Fixture(HomeAssistantSimulator hass, PluginWorkspace workspace, EngineHost host, TimeSpan initializeTimeout, TimeSpan finalizeTimeout)
        {
            Hass = hass;
            Workspace = workspace;
            Host = host;
            InitializeTimeout = initializeTimeout;
            FinalizeTimeout = finalizeTimeout;
        }

        public HomeAssistantSimulator Hass { get; }

        public PluginWorkspace Workspace { get; }

        public EngineHost Host { get; }

        public TimeSpan InitializeTimeout { get; }

        public TimeSpan FinalizeTimeout { get; }

        public static async Task<Fixture> StartAsync(string faultyV1, string faultyCode = "", bool useHelper = false, TimeSpan? initializeTimeout = null, TimeSpan? finalizeTimeout = null)
        {
            var init = initializeTimeout ?? TimeSpan.FromSeconds(10);
            var finalize = finalizeTimeout ?? TimeSpan.FromSeconds(2);
            var hass = await HomeAssistantSimulator.StartAsync(new SimulatorOptions { Port = 0, StartingPhase = TimeSpan.FromMilliseconds(200) });
            var workspace = new PluginWorkspace();
            if (useHelper)
            {
                workspace.WriteHelper("helper-v1");
            }

            workspace.WritePlugin("Pong", "v1", Responder("pong", "v1"), extraCode: FaultPlugins.Responder);
            workspace.WritePlugin("Faulty", "v1", faultyV1, useHelper, FaultPlugins.Responder + faultyCode);
            await workspace.BuildAsync("Pong");
            await workspace.BuildAsync("Faulty");
            var host = await EngineHost.StartAsync(
                workspace,
                o =>
                {
                    o.InitializeTimeout = init;
                    o.FinalizeTimeout = finalize;
                },
                hass);
            var fixture = new Fixture(hass, workspace, host, init, finalize);

            // The first round trip warms up both paths (JIT, connection); later pings must answer within a second.
            await fixture.PingAsync("pong", "v1", Patience);
            if (faultyV1.Contains("\"faulty\"", StringComparison.Ordinal))
            {
                await fixture.PingAsync("faulty", "v1", Patience);
            }

            return fixture;
        }

        /// <summary>Builds another version of a plugin into a staging folder (not the plugins folder) and returns the folder.</summary>
        public async Task<string> Stage(string plugin, string registrations, string extraCode = "")
        {
            var stage = Path.Combine(Workspace.Root, "stage", $"{plugin}-{Interlocked.Increment(ref _stages)}");
            var source = $"{plugin}Staged{_stages}";

            // A copy of the project with the same assembly name, so the staged DLL is a version of the same plugin.
            Workspace.WritePlugin(source, "staged", registrations, extraCode: FaultPlugins.Responder + extraCode);
            var project = Path.Combine(Workspace.SourcePath, source, $"{source}.csproj");
            File.WriteAllText(project, File.ReadAllText(project).Replace("<Nullable>enable</Nullable>", $"<Nullable>enable</Nullable><AssemblyName>{plugin}</AssemblyName><RootNamespace>{plugin}</RootNamespace>", StringComparison.Ordinal));
            await Workspace.BuildToAsync(source, stage);
            return stage;
        }

        /// <summary>Pings <paramref name="app"/> and asserts it answers with <paramref name="reply"/> within a second.</summary>
        public async Task PingAsync(string app, string reply, TimeSpan? patience = null)
        {
            var n = Interlocked.Increment(ref _ping);
            var answered = Hass.WaitForStateAsync(FaultPlugins.ReplyEntity, s => s == $"{app} {reply} {n}");
            await Hass.FireEventAsync("domovoy_ping", new { to = app, n });
            try
            {
                await answered.WaitAsync(patience ?? PingPatience);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"App {app} did not answer ping {n} with '{reply}' within {(patience ?? PingPatience).TotalSeconds} s; the reply entity is '{Hass.GetState(FaultPlugins.ReplyEntity)}'.\n{Host.Logs.AllText}");
            }
        }

        /// <summary>Pings once; true when the answer carried <paramref name="reply"/>.</summary>
        public async Task<bool> TryPingAsync(string app, string reply)
        {
            var n = Interlocked.Increment(ref _ping);
            var answered = Hass.WaitForStateAsync(FaultPlugins.ReplyEntity, s => s is not null && s.StartsWith($"{app} ", StringComparison.Ordinal) && s.EndsWith($" {n}", StringComparison.Ordinal));
            await Hass.FireEventAsync("domovoy_ping", new { to = app, n });
            try
            {
                // Short: a ping that arrives while the app is being swapped is not answered; the caller pings again.
                await answered.WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (TimeoutException)
            {
                return false;
            }

            return Hass.GetState(FaultPlugins.ReplyEntity) == $"{app} {reply} {n}";
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Hass.DisposeAsync();
            Workspace.Dispose();
        }
    }
}
