using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.Tests.Support;

namespace Domovoy.Core.Tests.Scheduling;

/// <summary>State, attribute and event listener filters against an in-memory event source, on a fake clock.</summary>
[TestClass]
public sealed class ListenerFilterTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly LightEntity Light = new("light.kitchen");
    private static readonly SensorEntity<double> Temperature = new("sensor.temperature");
    private static readonly BinarySensorEntity Motion = new("binary_sensor.hall_motion");

    [TestMethod]
    public async Task New_value_filter_only_passes_matching_changes()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Light.Value, "off");
        h.Callbacks.ListenState(Light, c => h.Record($"{c.Old}->{c.New}"), new StateListenOptions<bool?> { New = true });

        h.Source.Set(Light.Value, "on");
        h.Source.Set(Light.Value, "off");
        h.Source.Set(Light.Value, "unavailable");
        h.Source.Set(Light.Value, "on");
        Assert.AreEqual("False->True", await h.NextCallAsync());
        Assert.AreEqual("->True", await h.NextCallAsync(), "unavailable parses to null");
        await h.AssertNoPendingCallAsync();
    }

    [TestMethod]
    public async Task Old_and_new_predicates_detect_a_threshold_crossing()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Temperature.Value, "18.0");
        h.Callbacks.ListenState(Temperature, c => h.Record($"{c.Old}->{c.New}"), new StateListenOptions<double?>
        {
            Old = StateFilter<double?>.Where(t => t < 20),
            New = StateFilter<double?>.Where(t => t >= 20),
        });

        h.Source.Set(Temperature.Value, "19.5");
        h.Source.Set(Temperature.Value, "20.5");
        h.Source.Set(Temperature.Value, "22");
        h.Source.Set(Temperature.Value, "19");
        h.Source.Set(Temperature.Value, "21");
        Assert.AreEqual("19.5->20.5", await h.NextCallAsync());
        Assert.AreEqual("19->21", await h.NextCallAsync());
        await h.AssertNoPendingCallAsync();
    }

    [TestMethod]
    public async Task AnyOf_and_Not_filters()
    {
        await using var h = new AppApiHarness(Start);
        var mode = new Entity("input_select.mode");
        h.Source.Set(mode.Value, "home");
        h.Callbacks.ListenState(mode, c => h.Record($"any:{c.New}"), new StateListenOptions<string?> { New = StateFilter<string?>.AnyOf("away", "vacation") });
        h.Callbacks.ListenState(mode, c => h.Record($"not:{c.New}"), new StateListenOptions<string?> { New = StateFilter<string?>.Not("home") });

        h.Source.Set(mode.Value, "away");
        Assert.AreEqual("any:away", await h.NextCallAsync());
        Assert.AreEqual("not:away", await h.NextCallAsync());
        h.Source.Set(mode.Value, "home");
        h.Source.Set(mode.Value, "night");
        Assert.AreEqual("not:night", await h.NextCallAsync());
        await h.AssertNoPendingCallAsync();
    }

    [TestMethod]
    public async Task Attribute_only_updates_do_not_trigger_state_listeners()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Light.Value, "on", new Dictionary<string, object?> { ["brightness"] = 10 });
        h.Callbacks.ListenState(Light, c => h.Record("state"));
        h.Source.Set(Light.Value, "on", new Dictionary<string, object?> { ["brightness"] = 200 });
        await h.AssertNoPendingCallAsync();
    }

    [TestMethod]
    public async Task Duration_fires_once_the_state_has_held_and_is_cancelled_by_a_change()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Motion.Value, "off");
        var id = h.Callbacks.ListenState(Motion, c => h.Record($"held {c.New} since {c.NewState!.LastChanged:HH:mm:ss}"), new StateListenOptions<bool?>
        {
            New = true,
            Duration = TimeSpan.FromMinutes(2),
        });

        h.Source.Set(Motion.Value, "on");
        h.Time.Advance(TimeSpan.FromSeconds(119));
        h.Source.Set(Motion.Value, "off"); // broke the hold 1 s early
        h.Time.Advance(TimeSpan.FromMinutes(5));
        await h.AssertNoPendingCallAsync();

        h.Source.Set(Motion.Value, "on"); // 10:06:59
        h.Time.Advance(TimeSpan.FromSeconds(30));
        h.Source.Set(Motion.Value, "on", new Dictionary<string, object?> { ["battery"] = 80 }); // attribute update: still held
        h.Time.Advance(TimeSpan.FromSeconds(89));
        await h.AssertNoPendingCallAsync();
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual("held True since 10:06:59", await h.NextCallAsync());
        h.Time.Advance(TimeSpan.FromMinutes(10));
        await h.AssertNoPendingCallAsync();
        Assert.AreEqual(1, h.Registration(id).TimesCalled);
    }

    [TestMethod]
    public async Task Immediate_with_duration_starts_the_clock_now_when_already_in_the_target_state()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Motion.Value, "on", lastChanged: Start - TimeSpan.FromHours(1));
        h.Callbacks.ListenState(Motion, c => h.Record($"immediate old={c.OldState?.State ?? "null"} new={c.New}"), new StateListenOptions<bool?>
        {
            New = true,
            Duration = TimeSpan.FromMinutes(1),
            Immediate = true,
        });

        h.Time.Advance(TimeSpan.FromSeconds(59));
        await h.AssertNoPendingCallAsync();
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual("immediate old=null new=True", await h.NextCallAsync());
    }

    [TestMethod]
    public async Task Immediate_respects_the_new_filter()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Light.Value, "off");
        h.Callbacks.ListenState(Light, c => h.Record("on-immediate"), new StateListenOptions<bool?> { New = true, Immediate = true });
        h.Callbacks.ListenState(Light, c => h.Record($"off-immediate {c.Old} {c.OldState is null}"), new StateListenOptions<bool?> { New = false, Immediate = true });
        Assert.AreEqual("off-immediate  True", await h.NextCallAsync());
        await h.AssertNoPendingCallAsync();
    }

    [TestMethod]
    public async Task Immediate_with_duration_not_in_target_state_waits_for_a_change()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Motion.Value, "off");
        h.Callbacks.ListenState(Motion, c => h.Record("held"), new StateListenOptions<bool?> { New = true, Duration = TimeSpan.FromMinutes(1), Immediate = true });
        h.Time.Advance(TimeSpan.FromMinutes(5));
        await h.AssertNoPendingCallAsync();
        h.Source.Set(Motion.Value, "on");
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.AreEqual("held", await h.NextCallAsync());
    }

    [TestMethod]
    public async Task OneShot_delivers_one_call_and_unsubscribes()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Light.Value, "off");
        var id = h.Callbacks.ListenState(Light, c => h.Record($"{c.New}"), new StateListenOptions<bool?> { New = true, OneShot = true });
        h.Source.Set(Light.Value, "on");
        h.Source.Set(Light.Value, "off");
        h.Source.Set(Light.Value, "on");
        Assert.AreEqual("True", await h.NextCallAsync());
        await h.AssertNoPendingCallAsync();
        h.AssertEnded(id);
        Assert.AreEqual(0, h.Source.EntitySubscribers(Light.Value));
    }

    [TestMethod]
    public async Task OneShot_with_duration()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Motion.Value, "off");
        var id = h.Callbacks.ListenState(Motion, c => h.Record("held"), new StateListenOptions<bool?> { New = true, Duration = TimeSpan.FromSeconds(10), OneShot = true });
        h.Source.Set(Motion.Value, "on");
        h.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.AreEqual("held", await h.NextCallAsync());
        h.Source.Set(Motion.Value, "off");
        h.Source.Set(Motion.Value, "on");
        h.Time.Advance(TimeSpan.FromSeconds(10));
        await h.AssertNoPendingCallAsync();
        h.AssertEnded(id);
    }

    [TestMethod]
    public async Task Cancel_stops_a_pending_duration()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Motion.Value, "off");
        var id = h.Callbacks.ListenState(Motion, c => h.Record("held"), new StateListenOptions<bool?> { New = true, Duration = TimeSpan.FromSeconds(10) });
        h.Source.Set(Motion.Value, "on");
        Assert.IsTrue(h.Callbacks.Cancel(id));
        h.Time.Advance(TimeSpan.FromSeconds(10));
        await h.AssertNoPendingCallAsync();
        Assert.AreEqual(0, h.Source.EntitySubscribers(Motion.Value));
    }

    [TestMethod]
    public async Task Attribute_filters_and_duration()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Light.Value, "on", new Dictionary<string, object?> { ["brightness"] = 10 });
        h.Callbacks.ListenAttribute(Light, "brightness", c => h.Record($"{c.Old}->{c.New}"), new StateListenOptions<JsonElement?>
        {
            New = StateFilter.Json(255),
            Duration = TimeSpan.FromSeconds(30),
        });
        h.Callbacks.ListenAttribute(Light, "brightness", c => h.Record($"dim {c.New}"), new StateListenOptions<JsonElement?>
        {
            New = StateFilter<JsonElement?>.Where(v => v?.GetInt32() < 50),
            Old = StateFilter<JsonElement?>.Where(v => v?.GetInt32() >= 50),
        });

        h.Source.Set(Light.Value, "on", new Dictionary<string, object?> { ["brightness"] = 255 });
        h.Time.Advance(TimeSpan.FromSeconds(29));
        h.Source.Set(Light.Value, "on", new Dictionary<string, object?> { ["brightness"] = 20 });
        Assert.AreEqual("dim 20", await h.NextCallAsync());
        h.Source.Set(Light.Value, "on", new Dictionary<string, object?> { ["brightness"] = 255 });
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.AreEqual("20->255", await h.NextCallAsync());
        await h.AssertNoPendingCallAsync();
    }

    [TestMethod]
    public async Task Attribute_all_rejects_value_filters()
    {
        await using var h = new AppApiHarness(Start);
        Assert.ThrowsExactly<ArgumentException>(() => h.Callbacks.ListenAttribute(Light, "all", c => h.Record("x"), new StateListenOptions<JsonElement?> { New = StateFilter.Json(1) }));
    }

    [TestMethod]
    public async Task Event_data_filter_matches_top_level_members()
    {
        await using var h = new AppApiHarness(Start);
        h.Callbacks.ListenEvent("call_service", e => h.Record(e.Data.GetProperty("service").GetString()!), new EventListenOptions
        {
            Data = new Dictionary<string, object?> { ["domain"] = "light" },
        });
        h.Callbacks.ListenEvent(["call_service"], async e =>
        {
            await Task.Yield();
            h.Record("where " + e.Data.GetProperty("domain").GetString());
        }, new EventListenOptions { Where = e => e.Data.GetProperty("service").GetString() == "toggle" });

        h.Source.Fire("call_service", new { domain = "switch", service = "turn_on" });
        h.Source.Fire("call_service", new { domain = "light", service = "turn_on" });
        h.Source.Fire("call_service", new { domain = "light", service = "toggle" });
        Assert.AreEqual("turn_on", await h.NextCallAsync());
        var next = new[] { await h.NextCallAsync(), await h.NextCallAsync() };
        CollectionAssert.AreEquivalent(new[] { "toggle", "where light" }, next);
        await h.AssertNoPendingCallAsync();
    }

    [TestMethod]
    public async Task A_throwing_filter_is_no_match_and_does_not_break_the_source()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Temperature.Value, "1");
        h.Callbacks.ListenState(Temperature, c => h.Record("bad"), new StateListenOptions<double?> { New = StateFilter<double?>.Where(_ => throw new InvalidOperationException("boom")) });
        h.Callbacks.ListenState(Temperature, c => h.Record($"good {c.New}"));
        h.Source.Set(Temperature.Value, "2");
        Assert.AreEqual("good 2", await h.NextCallAsync());
        await h.AssertNoPendingCallAsync();
    }

    [TestMethod]
    public async Task Event_one_shot_with_data_filter_takes_the_first_match_only()
    {
        await using var h = new AppApiHarness(Start);
        var id = h.Callbacks.ListenEvent("call_service", e => h.Record(e.Data.GetProperty("service").GetString()!), new EventListenOptions
        {
            Data = new Dictionary<string, object?> { ["domain"] = "light" },
            OneShot = true,
        });
        h.Source.Fire("call_service", new { domain = "switch", service = "turn_off" });
        h.Source.Fire("call_service", new { domain = "light", service = "turn_on" });
        h.Source.Fire("call_service", new { domain = "light", service = "turn_off" });
        Assert.AreEqual("turn_on", await h.NextCallAsync());
        await h.AssertNoPendingCallAsync();
        h.AssertEnded(id);
    }

    [TestMethod]
    public async Task Immediate_ignores_the_old_filter_and_a_removed_entity_cancels_a_hold()
    {
        await using var h = new AppApiHarness(Start);
        h.Source.Set(Light.Value, "on");
        h.Callbacks.ListenState(Light, c => h.Record("immediate"), new StateListenOptions<bool?> { Old = false, Immediate = true });
        Assert.AreEqual("immediate", await h.NextCallAsync());

        h.Source.Set(Motion.Value, "off");
        h.Callbacks.ListenState(Motion, c => h.Record($"held {c.New}"), new StateListenOptions<bool?> { Duration = TimeSpan.FromSeconds(5) });
        h.Source.Set(Motion.Value, "on");
        h.Time.Advance(TimeSpan.FromSeconds(4));
        h.Source.Set(Motion.Value, "unavailable");
        h.Time.Advance(TimeSpan.FromSeconds(4));
        await h.AssertNoPendingCallAsync();
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual("held ", await h.NextCallAsync(), "unavailable held for 5 s is itself a change (no New filter)");
    }
}
