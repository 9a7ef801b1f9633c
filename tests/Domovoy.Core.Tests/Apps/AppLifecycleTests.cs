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
        StringAssert.StartsWith(warning.Message, "App hanging abandoned");
        Assert.AreEqual(1, engine.GetStats().AbandonedApps);
        Assert.AreEqual(0, probe.TimerFired);
    }

    [TestMethod]
    public async Task Background_work_that_ignores_its_token_abandons_the_app_but_FinalizeAsync_still_runs_within_the_deadline()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var logs = new LogSink();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using var engine = new AppEngine(factory, Options.Create(new DomovoyOptions { FinalizeTimeout = TimeSpan.FromSeconds(10) }), time);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finalized = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = new AppRegistration("worker", "Test", typeof(StubbornWorkerApp), EmptyAppConfig.Instance, () => new StubbornWorkerApp(release.Task, finalized));
        await engine.ApplyPluginAsync("Test", [registration], CancellationToken.None);
        await logs.WaitForAsync("App worker initialized");

        var removal = engine.RemovePluginAsync("Test");
        await finalized.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.IsFalse(removal.IsCompleted, "the stop waits for the background work until the deadline");
        time.Advance(TimeSpan.FromSeconds(10));
        var outcome = (await removal.WaitAsync(TimeSpan.FromSeconds(30))).Single();
        StringAssert.StartsWith(outcome.AbandonedBecause, "background work stubborn did not stop within 10 s");
        await logs.WaitForAsync("background work stubborn did not stop within the 10 s stop deadline");
        Assert.AreEqual(0, logs.Count("FinalizeAsync did not finish"), "FinalizeAsync returned in time and is not blamed");
        Assert.AreEqual(1, engine.GetStats().AbandonedApps);
        release.SetResult();
    }

    private sealed class StubbornWorkerApp(Task release, TaskCompletionSource finalized) : AppBase
    {
        public override Task InitializeAsync(CancellationToken cancellationToken)
        {
            Utils.RunInBackground(_ => release, "stubborn");
            return Task.CompletedTask;
        }

        public override Task FinalizeAsync(CancellationToken cancellationToken)
        {
            finalized.SetResult();
            return Task.CompletedTask;
        }
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
