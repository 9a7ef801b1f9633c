using System.Globalization;
using Domovoy.Core.Apps.Api;
using Domovoy.Core.Tests.Support;

namespace Domovoy.Core.Tests.Scheduling;

[TestClass]
public sealed class TimeAndUtilsAdditionsTests
{
    [TestMethod]
    public async Task Time_makes_wall_times_aware_converts_epochs_and_measures_time_since()
    {
        await using var h = new AppApiHarness(At("2026-06-21T10:00:00Z"), "Europe/Berlin");
        var aware = h.AppTime.MakeAware(new DateTime(2026, 6, 21, 7, 30, 0, DateTimeKind.Unspecified));
        Assert.AreEqual(At("2026-06-21T07:30:00+02:00"), aware);
        Assert.AreEqual(TimeSpan.FromHours(2), aware.Offset);
        Assert.AreEqual(At("2026-06-21T09:30:00+02:00"), h.AppTime.MakeAware(new DateTime(2026, 6, 21, 7, 30, 0, DateTimeKind.Utc)));
        var fromEpoch = h.AppTime.FromUnixSeconds(1782034200.5);
        Assert.AreEqual(At("2026-06-21T09:30:00.5Z"), fromEpoch);
        Assert.AreEqual(TimeSpan.FromHours(2), fromEpoch.Offset);
        Assert.AreEqual(TimeSpan.FromMinutes(30), h.AppTime.TimeSince(At("2026-06-21T09:30:00Z")));
    }

    [TestMethod]
    public async Task Utils_parses_int_or_float_and_background_results_reach_the_caller_and_stop_with_the_app()
    {
        await using var h = new AppApiHarness(At("2026-06-21T10:00:00Z"), "Europe/Berlin");
        var utils = new AppUtils(h.Runtime);
        Assert.AreEqual(42L, utils.ParseIntOrFloat("42"));
        Assert.AreEqual(2.5, utils.ParseIntOrFloat("2.5"));
        Assert.AreEqual(3L, utils.ParseIntOrFloat(3.0));
        Assert.IsNull(utils.ParseIntOrFloat("unavailable"));

        Assert.AreEqual(7, await utils.RunInBackground(_ => Task.FromResult(7)));
        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => utils.RunInBackground<int>(_ => throw new InvalidOperationException("boom")));

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = utils.RunInBackground(async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return 1;
        });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await h.Runtime.StopCallbacksAsync(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<OperationCanceledException>(() => pending.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
