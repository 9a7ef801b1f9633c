using Domovoy.Abstractions;
using Domovoy.Core.Apps.Engine;
using Domovoy.Core.Apps.Registration;
using Domovoy.Core.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Domovoy.Core.Tests.Apps;

[TestClass]
public sealed class AppLifecycleTests
{
    [TestMethod]
    public async Task Callbacks_are_cancelled_before_finalize_and_a_hanging_finalize_times_out()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var logs = new LogSink();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var options = Options.Create(new DomovoyOptions { FinalizeTimeout = TimeSpan.FromSeconds(10) });
        await using var engine = new AppEngine(factory, options, time);
        var probe = new Probe();
        var registration = new AppRegistration("hanging", "Test", typeof(HangingApp), EmptyAppConfig.Instance, () => new HangingApp(probe));
        await engine.ApplyPluginAsync("Test", [registration], CancellationToken.None);
        await logs.WaitForAsync("App hanging initialized");
        Assert.AreEqual(1, engine.GetStats().AppsPerStatus[AppStatus.Running]);

        var removal = engine.RemovePluginAsync("Test");
        await probe.FinalizeStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.IsFalse(probe.TimerActiveDuringFinalize, "timers are cancelled before FinalizeAsync runs");
        time.Advance(TimeSpan.FromSeconds(11));
        await removal.WaitAsync(TimeSpan.FromSeconds(30));
        var warning = await logs.WaitForAsync("FinalizeAsync did not finish within 10 s");
        Assert.AreEqual(LogLevel.Warning, warning.Level);
        await logs.WaitForAsync("App hanging terminated");
        Assert.AreEqual(0, probe.TimerFired);
    }

    private sealed class Probe
    {
        public TaskCompletionSource FinalizeStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TimerActiveDuringFinalize { get; set; }

        public int TimerFired { get; set; }
    }

    private sealed class HangingApp(Probe probe) : AppBase
    {
        private CallbackId _timer;

        public override Task InitializeAsync(CancellationToken cancellationToken)
        {
            _timer = Callbacks.RunIn(TimeSpan.FromMinutes(5), () => probe.TimerFired++);
            return Task.CompletedTask;
        }

        public override async Task FinalizeAsync(CancellationToken cancellationToken)
        {
            probe.TimerActiveDuringFinalize = Meta.GetCallbacks().Any(c => c.Id == _timer && c.IsRegistered);
            probe.FinalizeStarted.SetResult();
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }
    }
}
