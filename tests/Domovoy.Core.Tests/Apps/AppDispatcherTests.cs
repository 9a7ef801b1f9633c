using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Tests.Infrastructure;

namespace Domovoy.Core.Tests.Apps;

[TestClass]
public sealed class AppDispatcherTests
{
    [TestMethod]
    public async Task Callbacks_of_one_app_never_overlap_and_run_in_order()
    {
        var logs = new LogSink();
        using var watchdog = new AppWatchdog(TimeProvider.System, TimeSpan.FromSeconds(10));
        await using var dispatcher = new AppDispatcher("app", logs.CreateLogger("app"), TimeProvider.System, 1000, TimeSpan.FromSeconds(10), watchdog);
        var registration = new CallbackRegistration(new CallbackId("x"), CallbackKind.Event, "cb", "test");
        var running = 0;
        var maxConcurrent = 0;
        var order = new List<int>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posters = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                var n = (t * 1000) + i;
                dispatcher.Post(registration, async _ =>
                {
                    var now = Interlocked.Increment(ref running);
                    maxConcurrent = Math.Max(maxConcurrent, now);
                    await Task.Yield();
                    order.Add(n);
                    Interlocked.Decrement(ref running);
                    if (order.Count == 200)
                    {
                        done.TrySetResult();
                    }
                });
            }
        })).ToArray();
        await Task.WhenAll(posters);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.AreEqual(1, maxConcurrent);
        for (var t = 0; t < 4; t++)
        {
            var mine = order.Where(n => n / 1000 == t).ToArray();
            CollectionAssert.AreEqual(mine.Order().ToArray(), mine, "callbacks posted by one thread run in posting order");
        }
    }

    [TestMethod]
    public async Task A_throwing_callback_is_logged_with_app_and_callback_and_later_ones_still_run()
    {
        var logs = new LogSink();
        using var watchdog = new AppWatchdog(TimeProvider.System, TimeSpan.FromSeconds(10));
        await using var dispatcher = new AppDispatcher("lights", logs.CreateLogger("lights"), TimeProvider.System, 100, TimeSpan.FromSeconds(10), watchdog);
        var registration = new CallbackRegistration(new CallbackId("x"), CallbackKind.Scheduler, "OnTick", "test");
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.Post(registration, _ => throw new InvalidOperationException("bad tick"));
        dispatcher.Post(registration, _ =>
        {
            after.TrySetResult();
            return Task.CompletedTask;
        });
        await after.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var line = await logs.WaitForAsync("bad tick");
        StringAssert.Contains(line.Message, "lights");
        StringAssert.Contains(line.Message, "OnTick");
        Assert.AreEqual("InvalidOperationException: bad tick", registration.ToInfo().LastErrorMessage);
    }

    [TestMethod]
    public async Task A_slow_callback_is_reported_with_app_and_callback_while_other_apps_keep_flowing()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var logs = new LogSink();
        using var watchdog = new AppWatchdog(time, TimeSpan.FromSeconds(10));
        await using var slowApp = new AppDispatcher("slow_app", logs.CreateLogger("slow_app"), time, 100, TimeSpan.FromSeconds(10), watchdog);
        await using var otherApp = new AppDispatcher("other_app", logs.CreateLogger("other_app"), time, 100, TimeSpan.FromSeconds(10), watchdog);
        var registration = new CallbackRegistration(new CallbackId("x"), CallbackKind.Event, "OnSlowThing", "test");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        slowApp.Post(registration, async _ =>
        {
            entered.TrySetResult();
            await release.Task;
        });
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(11));
        var warning = await logs.WaitForAsync("slow-callback threshold");
        StringAssert.Contains(warning.Message, "slow_app");
        StringAssert.Contains(warning.Message, "OnSlowThing");

        var other = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        otherApp.Post(registration, _ =>
        {
            other.TrySetResult();
            return Task.CompletedTask;
        });
        await other.Task.WaitAsync(TimeSpan.FromSeconds(30));
        release.SetResult();
        await logs.WaitForAsync("slow callback OnSlowThing finished");
    }

    [TestMethod]
    public async Task One_watchdog_reports_the_slow_callbacks_of_every_queue_it_serves()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var logs = new LogSink();
        using var watchdog = new AppWatchdog(time, TimeSpan.FromSeconds(10));
        var releases = new List<TaskCompletionSource>();
        var dispatchers = new List<AppDispatcher>();
        for (var i = 0; i < 3; i++)
        {
            var dispatcher = new AppDispatcher($"app_{i}", logs.CreateLogger($"app_{i}"), time, 100, TimeSpan.FromSeconds(10), watchdog);
            dispatchers.Add(dispatcher);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            releases.Add(release);
            dispatcher.Post(new CallbackRegistration(new CallbackId($"x{i}"), CallbackKind.Event, $"OnSlow{i}", "test"), async _ =>
            {
                entered.TrySetResult();
                await release.Task;
            });
            await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        // The last queue leaves before the threshold passes: the others are still reported.
        releases[2].SetResult();
        await dispatchers[2].DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(11));
        await logs.WaitForAsync("App app_0: callback OnSlow0 has been running");
        await logs.WaitForAsync("App app_1: callback OnSlow1 has been running");
        Assert.AreEqual(0, logs.Count("OnSlow2 has been running"));
        foreach (var release in releases)
        {
            release.TrySetResult();
        }

        await dispatchers[0].DisposeAsync();
        await dispatchers[1].DisposeAsync();
    }

    [TestMethod]
    public async Task A_full_queue_drops_with_an_error_and_a_counter()
    {
        var logs = new LogSink();
        using var watchdog = new AppWatchdog(TimeProvider.System, TimeSpan.FromSeconds(10));
        await using var dispatcher = new AppDispatcher("busy", logs.CreateLogger("busy"), TimeProvider.System, 10, TimeSpan.FromSeconds(10), watchdog);
        var registration = new CallbackRegistration(new CallbackId("x"), CallbackKind.Event, "OnEvent", "test");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.Post(registration, async _ =>
        {
            entered.TrySetResult();
            await gate.Task;
        });
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var accepted = Enumerable.Range(0, 15).Count(_ => dispatcher.Post(registration, _ => Task.CompletedTask));
        Assert.AreEqual(10, accepted);
        Assert.AreEqual(5, dispatcher.Dropped);
        await logs.WaitForAsync("callback queue full");
        await logs.WaitForAsync("over 90%");
        gate.SetResult();
    }

    [TestMethod]
    public async Task A_callback_that_throws_on_every_call_is_logged_in_full_three_times_then_summarised_once_a_minute()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var logs = new LogSink();
        using var watchdog = new AppWatchdog(time, TimeSpan.FromSeconds(10));
        await using var dispatcher = new AppDispatcher("flood", logs.CreateLogger("flood"), time, 2000, TimeSpan.FromSeconds(10), watchdog);
        var registration = new CallbackRegistration(new CallbackId("x"), CallbackKind.Scheduler, "OnTick", "every 10 ms");
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 1000; i++)
        {
            var n = i;
            dispatcher.Post(registration, _ => n == 999 ? Fail(done) : throw new InvalidOperationException($"tick {n} broke"));
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.AreEqual(3, logs.Count("threw InvalidOperationException: tick"), "only the first three errors are logged one by one");
        Assert.AreEqual(1, logs.Count("threw 3 times in a row"));
        Assert.AreEqual(1000, registration.ToInfo().TimesFailed, "every error is counted");

        // The watchdog summarises the rest once the minute is over.
        var summary = logs.WaitForAsync("callback OnTick threw 997 times in the last ");
        time.Advance(TimeSpan.FromSeconds(61));
        var line = await summary.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.AreEqual(Microsoft.Extensions.Logging.LogLevel.Error, line.Level);
        StringAssert.EndsWith(line.Message, "s; last: InvalidOperationException: tick 999 broke");
        Assert.AreEqual(3, logs.Count("threw InvalidOperationException: tick"));

        static Task Fail(TaskCompletionSource done)
        {
            done.TrySetResult();
            throw new InvalidOperationException("tick 999 broke");
        }
    }

    [TestMethod]
    public async Task Stopping_a_queue_whose_callback_ignores_its_token_returns_at_the_deadline_and_detaches_it()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var logs = new LogSink();
        using var watchdog = new AppWatchdog(time, TimeSpan.FromSeconds(10));
        await using var dispatcher = new AppDispatcher("stuck", logs.CreateLogger("stuck"), time, 100, TimeSpan.FromSeconds(10), watchdog);
        var registration = new CallbackRegistration(new CallbackId("x"), CallbackKind.Event, "OnStuck", "test");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queuedRan = false;
        dispatcher.Post(registration, async _ =>
        {
            entered.TrySetResult();
            await release.Task;
        });
        dispatcher.Post(registration, _ =>
        {
            queuedRan = true;
            return Task.CompletedTask;
        });
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.AreEqual("OnStuck", dispatcher.RunningCallback);

        var stop = dispatcher.StopAsync(TimeSpan.FromSeconds(5));
        Assert.IsFalse(stop.IsCompleted, "the deadline has not passed yet");
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.IsFalse(await stop.WaitAsync(TimeSpan.FromSeconds(30)), "the stop reports that the callback is stuck");
        Assert.IsFalse(dispatcher.IsStopped);

        release.SetResult();
        Assert.IsTrue(await dispatcher.StopAsync(Timeout.InfiniteTimeSpan).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.IsFalse(queuedRan, "nothing queued runs after a stop, even once the stuck callback returned");
    }
}
