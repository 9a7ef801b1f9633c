using Domovoy.Abstractions;
using Domovoy.Core.HomeAssistant.State;
using Microsoft.Extensions.Logging.Abstractions;
using static Domovoy.Core.Tests.HomeAssistant.HassTestData;

namespace Domovoy.Core.Tests.HomeAssistant;

[TestClass]
public sealed class HassStateCacheTests
{
    private readonly HassStateCache _cache = new(NullLogger.Instance, TimeProvider.System);

    [TestMethod]
    public void State_changed_updates_the_cache_and_notifies_only_that_entity()
    {
        var kitchen = new List<(EntityState?, EntityState?)>();
        var other = 0;
        using var a = _cache.SubscribeEntity("light.kitchen", (o, n) => kitchen.Add((o, n)));
        using var b = _cache.SubscribeEntity("light.hall", (_, _) => other++);

        _cache.HandleEvent(StateChanged("light.kitchen", "on", T0));
        _cache.HandleEvent(StateChanged("light.kitchen", "off", T0.AddSeconds(1)));

        Assert.AreEqual("off", _cache.GetState("light.kitchen")!.State);
        Assert.HasCount(2, kitchen);
        Assert.IsNull(kitchen[0].Item1);
        Assert.AreEqual("on", kitchen[1].Item1!.State);
        Assert.AreEqual("off", kitchen[1].Item2!.State);
        Assert.AreEqual(0, other);
    }

    [TestMethod]
    public void Stale_updates_are_ignored()
    {
        var calls = 0;
        using var s = _cache.SubscribeEntity("sensor.t", (_, _) => calls++);
        _cache.HandleEvent(StateChanged("sensor.t", "2", T0.AddSeconds(2)));
        _cache.HandleEvent(StateChanged("sensor.t", "1", T0.AddSeconds(1)));
        Assert.AreEqual("2", _cache.GetState("sensor.t")!.State);
        Assert.AreEqual(1, calls);
    }

    [TestMethod]
    public void Null_new_state_removes_the_entity()
    {
        EntityState? lastNew = new("x.y", "z", new Dictionary<string, System.Text.Json.JsonElement>(), T0, T0, null, null);
        _cache.HandleEvent(StateChanged("switch.a", "on", T0));
        using var s = _cache.SubscribeEntity("switch.a", (_, n) => lastNew = n);
        _cache.HandleEvent(StateChanged("switch.a", null, T0.AddSeconds(1)));
        Assert.IsNull(_cache.GetState("switch.a"));
        Assert.IsNull(lastNew);
        Assert.AreEqual(0, _cache.Count);
    }

    [TestMethod]
    public void Events_reach_subscribers_of_their_type_and_of_all()
    {
        var typed = new List<string>();
        var all = new List<string>();
        using var a = _cache.SubscribeEvents(["my_event"], e => typed.Add(e.EventType));
        using var b = _cache.SubscribeEvents(["*"], e => all.Add(e.EventType));
        _cache.HandleEvent(Event("my_event"));
        _cache.HandleEvent(Event("other"));
        CollectionAssert.AreEqual(new[] { "my_event" }, typed);
        CollectionAssert.AreEqual(new[] { "my_event", "other" }, all);
    }

    [TestMethod]
    public void Disposed_subscriptions_receive_nothing_and_dispose_twice_is_harmless()
    {
        var calls = 0;
        var s = _cache.SubscribeEntity("light.a", (_, _) => calls++);
        s.Dispose();
        s.Dispose();
        _cache.HandleEvent(StateChanged("light.a", "on", T0));
        Assert.AreEqual(0, calls);
    }

    [TestMethod]
    public void A_throwing_subscriber_does_not_stop_the_others()
    {
        var calls = 0;
        using var a = _cache.SubscribeEntity("light.a", (_, _) => throw new InvalidOperationException("boom"));
        using var b = _cache.SubscribeEntity("light.a", (_, _) => calls++);
        _cache.HandleEvent(StateChanged("light.a", "on", T0));
        Assert.AreEqual(1, calls);
    }

    [TestMethod]
    public void Reconcile_delivers_one_change_per_changed_appeared_or_removed_entity()
    {
        _cache.Reconcile([State("light.same", "on", T0), State("light.changed", "on", T0), State("light.gone", "on", T0)], _cache.BeginSync());
        var changes = new Dictionary<string, (string? Old, string? New)>();
        var subs = new[] { "light.same", "light.changed", "light.gone", "light.new" }
            .Select(id => _cache.SubscribeEntity(id, (o, n) => changes.Add(id, (o?.State, n?.State)))).ToList();
        var events = 0;
        using var e = _cache.SubscribeEvents(["state_changed"], _ => events++);

        var count = _cache.Reconcile([State("light.same", "on", T0), State("light.changed", "off", T0.AddSeconds(5)), State("light.new", "on", T0.AddSeconds(5))], _cache.BeginSync());

        Assert.AreEqual(3, count);
        Assert.AreEqual(3, events);
        Assert.HasCount(3, changes);
        Assert.AreEqual(("on", "off"), changes["light.changed"]);
        Assert.AreEqual(("on", (string?)null), changes["light.gone"]);
        Assert.AreEqual(((string?)null, "on"), changes["light.new"]);
        Assert.IsNull(_cache.GetState("light.gone"));
        subs.ForEach(s => s.Dispose());
    }

    [TestMethod]
    public void Reconcile_keeps_values_that_events_delivered_after_the_fetch_started()
    {
        _cache.Reconcile([State("light.a", "on", T0), State("light.b", "on", T0)], _cache.BeginSync());
        var since = _cache.BeginSync();
        _cache.HandleEvent(StateChanged("light.a", "off", T0.AddSeconds(10)));
        _cache.HandleEvent(StateChanged("light.c", "on", T0.AddSeconds(10)));
        _cache.HandleEvent(StateChanged("light.b", null, T0.AddSeconds(10)));

        // The snapshot was taken before those events.
        _cache.Reconcile([State("light.a", "on", T0), State("light.b", "on", T0)], since);

        Assert.AreEqual("off", _cache.GetState("light.a")!.State);
        Assert.AreEqual("on", _cache.GetState("light.c")!.State);
        Assert.IsNull(_cache.GetState("light.b"));
    }
}
