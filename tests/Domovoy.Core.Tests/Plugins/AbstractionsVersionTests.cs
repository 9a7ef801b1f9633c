using Domovoy.Abstractions;
using Domovoy.Core.Plugins;
using Domovoy.Core.Tests.Infrastructure;

namespace Domovoy.Core.Tests.Plugins;

/// <summary>
/// Plugins built against another Domovoy.Abstractions version: a newer major version is refused with an error naming
/// the plugin and both versions while other apps keep running; an older minor version loads.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class AbstractionsVersionTests
{
    private static readonly Version HostVersion = typeof(AppBase).Assembly.GetName().Version!;

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task A_plugin_built_against_a_newer_major_is_refused_and_an_older_minor_loads()
    {
        using var ws = new PluginWorkspace();
        var newer = new Version(HostVersion.Major + 99, 0, 0, 0);
        var newerDll = await ws.BuildAbstractionsAsync(newer);
        ws.WritePlugin("PluginOk", "v1", """apps.Register<TestApp, TestConfig>("ok_app", new TestConfig());""");
        ws.WritePlugin("PluginFuture", "v1", """apps.Register<TestApp, TestConfig>("future_app", new TestConfig());""", abstractionsPath: newerDll);
        await ws.BuildAsync("PluginOk");
        await ws.BuildAsync("PluginFuture");

        await using var host = await EngineHost.StartAsync(ws);
        await host.Logs.WaitForAsync("HELLO ok_app v1");
        var refused = await host.WaitForPluginAsync(PluginEventKind.LoadFailed, "PluginFuture");

        StringAssert.Contains(refused.Detail, $"built against Domovoy.Abstractions {newer}");
        StringAssert.Contains(refused.Detail, $"this host provides {HostVersion}");
        var logged = await host.Logs.WaitForAsync(l => l.Message.Contains("PluginFuture", StringComparison.Ordinal) && l.Message.Contains(newer.ToString(), StringComparison.Ordinal));
        StringAssert.Contains(logged.Message, HostVersion.ToString());
        Assert.AreEqual(0, host.Logs.Count("HELLO future_app"), "the refused plugin's app must not start");
        Assert.AreEqual(0, host.Logs.Count("BYE ok_app"), "other apps keep running");
        Assert.IsTrue(host.AppEvents("ok_app").Any(e => e.Status == AppStatus.Running));

        // An older minor of the same major loads (when the host's minor leaves room for one).
        if (HostVersion.Minor == 0)
        {
            return;
        }

        var older = new Version(HostVersion.Major, HostVersion.Minor - 1, 0, 0);
        var olderDll = await ws.BuildAbstractionsAsync(older);
        ws.WritePlugin("PluginPast", "v1", """apps.Register<TestApp, TestConfig>("past_app", new TestConfig());""", abstractionsPath: olderDll);
        await ws.BuildAsync("PluginPast");
        await host.Logs.WaitForAsync("HELLO past_app v1 no-helper");
        Assert.AreEqual(0, host.Logs.Count("BYE ok_app"));
    }
}
