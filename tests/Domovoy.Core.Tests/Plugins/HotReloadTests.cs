using Domovoy.Abstractions;
using Domovoy.Core.Plugins;
using Domovoy.Core.Tests.Infrastructure;

namespace Domovoy.Core.Tests.Plugins;

/// <summary>
/// Hot reload end to end: real plugin projects built with the SDK into a watched plugins folder, real file changes,
/// a real host. Every wait is on an event or log line.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class HotReloadTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Rebuilding_reloads_exactly_the_affected_plugins_and_unloads_the_old_version()
    {
        using var ws = new PluginWorkspace();
        ws.WriteHelper("helper-v1");
        ws.WritePlugin("PluginA", "v1", """apps.Register<TestApp, TestConfig>("a_app", new TestConfig());""", useHelper: true);
        ws.WritePlugin("PluginB", "v1", """apps.Register<TestApp, TestConfig>("b_app", new TestConfig());""");
        ws.WritePlugin("PluginC", "v1", """apps.Register<TestApp, TestConfig>("c_app", new TestConfig());""", useHelper: true);
        await ws.BuildAsync("PluginA");
        await ws.BuildAsync("PluginB");
        await ws.BuildAsync("PluginC");

        await using var host = await EngineHost.StartAsync(ws);
        await host.Logs.WaitForAsync("HELLO a_app v1 helper-v1");
        await host.Logs.WaitForAsync("HELLO b_app v1 no-helper");
        await host.Logs.WaitForAsync("HELLO c_app v1 helper-v1");
        var firstA = host.AppEvents("a_app").Single(e => e.Status == AppStatus.Running).InstanceId;
        var firstC = host.AppEvents("c_app").Single(e => e.Status == AppStatus.Running).InstanceId;

        // 1. Edit and rebuild B only: B reloads, A and C are untouched.
        var bVersion = host.LatestVersion("PluginB");
        ws.WritePlugin("PluginB", "v2", """apps.Register<TestApp, TestConfig>("b_app", new TestConfig());""");
        await ws.BuildAsync("PluginB");
        await host.WaitForPluginAsync(PluginEventKind.Loaded, "PluginB", bVersion);
        await host.Logs.WaitForAsync("HELLO b_app v2");
        Assert.AreEqual(1, host.Logs.Count("BYE b_app v1"));
        Assert.IsTrue(host.Logs.Count("Reloading app: b_app") >= 1);
        Assert.IsTrue(host.Logs.Count("App b_app terminated") >= 1);
        Assert.IsTrue(host.Logs.Count("App b_app initialized") >= 2);
        Assert.IsTrue(host.Logs.Lines.Any(l => l.Message.StartsWith("File changed: ", StringComparison.Ordinal) && l.Message.EndsWith("PluginB.dll", StringComparison.Ordinal)));
        AssertUntouched(host, "a_app", firstA);
        AssertUntouched(host, "c_app", firstC);
        var bInfo = host.Engine.GetApps().Single(a => a.Name == "b_app");
        Assert.AreEqual(host.LatestVersion("PluginB"), bInfo.PluginVersion, "Meta's app info names the running plugin version");
        Assert.IsGreaterThan(bVersion, bInfo.PluginVersion);
        Assert.AreEqual("PluginB", bInfo.PluginName);

        // 2. The old load context of B is really collected.
        await host.WaitForAsync<PluginEvent>(e => e.Kind == PluginEventKind.Collected && e.PluginName == "PluginB" && e.Version == bVersion);
        Assert.AreEqual(0, host.Engine.GetStats().LeakedPluginVersions);

        // 3. A touch and a rebuild that writes identical bytes cause no reload.
        var bCurrent = host.LatestVersion("PluginB");
        var unchangedBefore = host.Events.OfType<PluginEvent>().Count(e => e.Kind == PluginEventKind.Unchanged && e.PluginName == "PluginB");
        File.SetLastWriteTimeUtc(Path.Combine(ws.SourcePath, "PluginB", "Plugin.cs"), DateTime.UtcNow);
        await ws.BuildAsync("PluginB");
        File.WriteAllBytes(ws.PluginDll("PluginB"), File.ReadAllBytes(ws.PluginDll("PluginB")));
        File.SetLastWriteTimeUtc(ws.PluginDll("PluginB", "PluginB.deps.json"), DateTime.UtcNow);
        await host.WaitForAsync<PluginEvent>(e => e.Kind == PluginEventKind.Unchanged && e.PluginName == "PluginB"
            && host.Events.OfType<PluginEvent>().Count(x => x.Kind == PluginEventKind.Unchanged && x.PluginName == "PluginB") > unchangedBefore);
        Assert.AreEqual(bCurrent, host.LatestVersion("PluginB"), "a touch or identical rebuild must not reload");
        Assert.AreEqual(1, host.Logs.Count("BYE b_app"));

        // 4. A change to the shared helper reloads both of its users and nothing else.
        var aVersion = host.LatestVersion("PluginA");
        var cVersion = host.LatestVersion("PluginC");
        ws.WriteHelper("helper-v2");
        await ws.BuildAsync("PluginA");
        await ws.BuildAsync("PluginC");
        await host.Logs.WaitForAsync("HELLO a_app v1 helper-v2");
        await host.Logs.WaitForAsync("HELLO c_app v1 helper-v2");
        await host.WaitForPluginAsync(PluginEventKind.Loaded, "PluginA", aVersion);
        await host.WaitForPluginAsync(PluginEventKind.Loaded, "PluginC", cVersion);
        Assert.AreEqual(bCurrent, host.LatestVersion("PluginB"), "B does not use the helper and must not reload");
        Assert.AreEqual(1, host.Logs.Count("BYE b_app"));
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Broken_builds_keep_the_old_version_running_until_a_good_build()
    {
        using var ws = new PluginWorkspace();
        ws.WritePlugin("PluginB", "v1", """apps.Register<TestApp, TestConfig>("b_app", new TestConfig());""");
        await ws.BuildAsync("PluginB");
        await using var host = await EngineHost.StartAsync(ws, o => o.NotReadyRetries = 3);
        await host.Logs.WaitForAsync("HELLO b_app v1");
        var good = File.ReadAllBytes(ws.PluginDll("PluginB"));

        // A truncated DLL (a build caught mid-write that never completes) is retried, then reported; v1 keeps running.
        File.WriteAllBytes(ws.PluginDll("PluginB"), good[..(good.Length / 2)]);
        var failed = await host.WaitForPluginAsync(PluginEventKind.LoadFailed, "PluginB");
        StringAssert.Contains(failed.Detail, "PluginB.dll: an incomplete (truncated or still being written) or invalid PE image");
        await host.Logs.WaitForAsync("Failed to reload plugin PluginB: ");
        Assert.AreEqual(0, host.Logs.Count("BYE b_app"), "the running version must survive a broken build");

        // Garbage bytes: same outcome.
        var failures = FailureCount(host);
        File.WriteAllBytes(ws.PluginDll("PluginB"), System.Text.Encoding.UTF8.GetBytes(new string('x', 4096)));
        await host.WaitForAsync<PluginEvent>(e => e.Kind == PluginEventKind.LoadFailed && FailureCount(host) > failures);
        Assert.AreEqual(0, host.Logs.Count("BYE b_app"));

        // A good build recovers.
        ws.WritePlugin("PluginB", "v2", """apps.Register<TestApp, TestConfig>("b_app", new TestConfig());""");
        await ws.BuildAsync("PluginB");
        await host.Logs.WaitForAsync("HELLO b_app v2");
        Assert.AreEqual(1, host.Logs.Count("BYE b_app v1"));

        // A registrar that throws: the new version is never swapped in.
        failures = FailureCount(host);
        ws.WritePlugin("PluginB", "v3", """throw new InvalidOperationException("registrar broke");""");
        await ws.BuildAsync("PluginB");
        // (Under load the build may be caught mid-write first and reported as incomplete; wait for the registrar's failure.)
        var thrown = await host.WaitForAsync<PluginEvent>(e => e.Kind == PluginEventKind.LoadFailed && FailureCount(host) > failures && e.Detail!.Contains("registrar", StringComparison.Ordinal));
        StringAssert.Contains(thrown.Detail, "registrar broke");
        Assert.AreEqual(0, host.Logs.Count("BYE b_app v2"));

        // An invalid config in a reload: the old version keeps running and the error names app, field and reason.
        failures = FailureCount(host);
        ws.WritePlugin("PluginB", "v4", """apps.Register<TestApp, TestConfig>("b_app", new TestConfig { Level = 500 });""");
        await ws.BuildAsync("PluginB");
        var invalid = await host.WaitForAsync<PluginEvent>(e => e.Kind == PluginEventKind.LoadFailed && FailureCount(host) > failures && e.Detail!.Contains("'b_app'", StringComparison.Ordinal));
        StringAssert.Contains(invalid.Detail, "'b_app'");
        StringAssert.Contains(invalid.Detail, "field 'Level'");
        StringAssert.Contains(invalid.Detail, "between 0 and 100");
        Assert.AreEqual(0, host.Logs.Count("BYE b_app v2"));
        Assert.IsTrue(host.Engine.GetStats().FailedReloads >= 3);

        // v1 (swapped out) and the two rejected versions that got a load context were all unloaded and collected.
        await host.WaitForAsync<PluginEvent>(e => e.Kind == PluginEventKind.Collected && e.PluginName == "PluginB"
            && host.Events.OfType<PluginEvent>().Count(x => x.Kind == PluginEventKind.Collected) >= 3);
        Assert.AreEqual(0, host.Events.OfType<PluginEvent>().Count(e => e.Kind == PluginEventKind.Leaked));
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Registration_rules_isolate_failures_and_protect_running_apps()
    {
        using var ws = new PluginWorkspace();
        ws.WritePlugin("PluginA", "v1", """apps.Register<TestApp, TestConfig>("a_app", new TestConfig());""");
        ws.WritePlugin("PluginD", "v1", """
            apps.Register<TestApp, TestConfig>("d_fail", new TestConfig { FailOnInit = true });
            apps.Register<TestApp, TestConfig>("d_ok", new TestConfig());
            apps.Register<TestApp, TestConfig>("d_invalid", new TestConfig { Level = -1 });
            """);
        await ws.BuildAsync("PluginA");
        await ws.BuildAsync("PluginD");
        await using var host = await EngineHost.StartAsync(ws);
        await host.Logs.WaitForAsync("HELLO a_app v1");
        await host.Logs.WaitForAsync("HELLO d_ok v1");

        // A failing InitializeAsync fails only that app, and its FinalizeAsync still runs.
        var failure = await host.Logs.WaitForAsync("App d_fail failed: InitializeAsync threw InvalidOperationException: boom from d_fail");
        Assert.IsNotNull(failure.Exception);
        await host.Logs.WaitForAsync("BYE d_fail v1");
        Assert.AreEqual(AppStatus.Failed, host.Engine.Snapshot().Single(a => a.Name == "d_fail").Status);
        Assert.AreEqual(AppStatus.Running, host.Engine.Snapshot().Single(a => a.Name == "d_ok").Status);

        // An invalid config keeps that app from starting, naming app, field and reason.
        var invalid = await host.Logs.WaitForAsync("'d_invalid'");
        StringAssert.Contains(invalid.Message, "field 'Level'");
        StringAssert.Contains(invalid.Message, "between 0 and 100");
        Assert.IsFalse(host.Engine.Snapshot().Any(a => a.Name == "d_invalid"));

        // A duplicate name from another plugin is rejected; the first app keeps running, the plugin's other apps start.
        var aInstance = host.AppEvents("a_app").Single(e => e.Status == AppStatus.Running).InstanceId;
        ws.WritePlugin("PluginE", "v1", """
            apps.Register<TestApp, TestConfig>("a_app", new TestConfig());
            apps.Register<TestApp, TestConfig>("e_app", new TestConfig());
            """);
        await ws.BuildAsync("PluginE");
        var duplicate = await host.Logs.WaitForAsync("App name 'a_app' from plugin 'PluginE' is already used by plugin 'PluginA'");
        Assert.AreEqual(Microsoft.Extensions.Logging.LogLevel.Error, duplicate.Level);
        await host.Logs.WaitForAsync("HELLO e_app v1");
        AssertUntouched(host, "a_app", aInstance);

        // Deleting a plugin folder finalizes its apps.
        Directory.Delete(Path.Combine(ws.PluginsPath, "PluginE"), recursive: true);
        await host.WaitForPluginAsync(PluginEventKind.Removed, "PluginE");
        await host.Logs.WaitForAsync("BYE e_app v1");
        AssertUntouched(host, "a_app", aInstance);
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_version_that_cannot_unload_is_reported_and_counted()
    {
        const string Leaky = """
            public sealed class LeakyApp : AppBase
            {
                public override Task InitializeAsync(CancellationToken cancellationToken)
                {
                    // A host-wide static event holding the app: the classic way to keep a plugin from unloading.
                    AppDomain.CurrentDomain.AssemblyLoad += (_, _) => GC.KeepAlive(this);
                    return Task.CompletedTask;
                }
            }
            """;
        using var ws = new PluginWorkspace();
        ws.WritePlugin("PluginL", "v1", """apps.Register<LeakyApp>("leaky");""", extraCode: Leaky);
        await ws.BuildAsync("PluginL");
        await using var host = await EngineHost.StartAsync(ws, o => o.UnloadCheckRounds = 3);
        await host.Logs.WaitForAsync("App leaky initialized");
        var v1 = host.LatestVersion("PluginL");

        ws.WritePlugin("PluginL", "v2", """apps.Register<LeakyApp>("leaky");""", extraCode: Leaky + "// v2");
        await ws.BuildAsync("PluginL");
        await host.WaitForAsync<PluginEvent>(e => e.Kind == PluginEventKind.Leaked && e.PluginName == "PluginL" && e.Version == v1);
        var warning = await host.Logs.WaitForAsync("was unloaded but its load context is still alive");
        StringAssert.Contains(warning.Message, "PluginL");
        Assert.AreEqual(1, host.Engine.GetStats().LeakedPluginVersions);
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task An_app_with_far_future_Rx_timers_on_Time_Scheduler_unloads()
    {
        // Absolute-time and periodic Rx work a day ahead, never disposed by the app: the host must cancel it at stop,
        // and none of it may sit on Rx's static queues or events holding the old version.
        const string RxApp = """
            public sealed class RxApp : AppBase
            {
                public override Task InitializeAsync(CancellationToken cancellationToken)
                {
                    System.Reactive.Linq.Observable.Timer(Time.Now.AddDays(1), Time.Scheduler).Subscribe(_ => Log.LogInformation("timer {App}", Meta.AppName));
                    System.Reactive.Linq.Observable.Timer(Time.Now.AddDays(1), TimeSpan.FromHours(1), Time.Scheduler).Subscribe(_ => Log.LogInformation("periodic timer {App}", Meta.AppName));
                    System.Reactive.Linq.Observable.Interval(TimeSpan.FromHours(1), Time.Scheduler).Subscribe(_ => Log.LogInformation("interval {App}", Meta.AppName));
                    return Task.CompletedTask;
                }
            }
            """;
        using var ws = new PluginWorkspace();
        ws.WritePlugin("PluginR", "v1", """apps.Register<RxApp>("rx_app");""", extraCode: RxApp);
        await ws.BuildAsync("PluginR");
        await using var host = await EngineHost.StartAsync(ws, o => o.UnloadCheckRounds = 5);
        await host.Logs.WaitForAsync("App rx_app initialized");
        var v1 = host.LatestVersion("PluginR");

        ws.WritePlugin("PluginR", "v2", """apps.Register<RxApp>("rx_app");""", extraCode: RxApp + "// v2");
        await ws.BuildAsync("PluginR");
        var outcome = await host.WaitForAsync<PluginEvent>(e => e.PluginName == "PluginR" && e.Version == v1 && e.Kind is PluginEventKind.Collected or PluginEventKind.Leaked);
        Assert.AreEqual(PluginEventKind.Collected, outcome.Kind, outcome.Detail);
        Assert.AreEqual(0, host.Engine.GetStats().LeakedPluginVersions);
    }

    private static int FailureCount(EngineHost host) => host.Events.OfType<PluginEvent>().Count(e => e.Kind == PluginEventKind.LoadFailed);

    private static void AssertUntouched(EngineHost host, string app, long instanceId)
    {
        var events = host.AppEvents(app);
        Assert.AreEqual(1, events.Count, $"{app} must see exactly one start and no finalize: {string.Join(", ", events)}");
        Assert.AreEqual(instanceId, events[0].InstanceId);
        Assert.AreEqual(0, host.Logs.Count($"BYE {app}"));
    }
}
