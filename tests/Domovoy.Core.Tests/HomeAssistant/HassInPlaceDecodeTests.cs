using System.Collections.Concurrent;
using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Simulator;

namespace Domovoy.Core.Tests.HomeAssistant;

/// <summary>
/// The read loop decodes frames in place over a reused buffer and keeps attributes undecoded until read: whatever a
/// state, event or command result hands out must stay intact after later frames overwrite that buffer.
/// </summary>
[TestClass]
public sealed class HassInPlaceDecodeTests
{
    private static readonly TimeSpan Patience = SimulatorHarness.Patience;

    [TestMethod]
    public async Task Attributes_first_read_after_the_next_updates_are_those_of_their_own_state()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        var changes = new BlockingCollection<(EntityState? Old, EntityState? New)>();
        using var s = h.Cache.SubscribeEntity("sensor.bench_lazy", (o, n) => changes.Add((o, n)));

        await h.Simulator.SetStateAsync("sensor.bench_lazy", "1", new Dictionary<string, object?> { ["step"] = 1, ["label"] = "eins ☃" });
        var first = Take(changes).New!;
        Assert.IsInstanceOfType<HassLazyAttributes>(first.Attributes);
        Assert.IsFalse(((HassLazyAttributes)first.Attributes).IsMaterialized, "nobody read them yet");

        // Many later frames go through the same receive buffer before anyone reads the first state's attributes.
        for (var step = 2; step <= 50; step++)
        {
            await h.Simulator.SetStateAsync("sensor.bench_lazy", step.ToString(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, object?> { ["step"] = step, ["label"] = new string('x', step * 40) });
        }

        var last = Take(changes);
        for (var step = 3; step <= 50; step++)
        {
            last = Take(changes);
        }

        Assert.AreEqual(1, first.GetAttribute<int>("step"));
        Assert.AreEqual("eins ☃", first.GetAttribute<string>("label"));
        Assert.AreEqual(49, last.Old!.GetAttribute<int>("step"), "the old state handed out with the last change keeps its own attributes");
        Assert.AreEqual(50, h.Cache.GetState("sensor.bench_lazy")!.GetAttribute<int>("step"));
        Assert.AreEqual(new string('x', 2000), h.Cache.GetState("sensor.bench_lazy")!.GetAttribute<string>("label"));
    }

    [TestMethod]
    public async Task Concurrent_first_reads_of_one_states_attributes_all_see_the_same_values()
    {
        await using var h = await SimulatorHarness.CreateAsync();
        await h.StartAsync();
        var attributes = Enumerable.Range(0, 40).ToDictionary(i => $"a{i}", i => (object?)i);
        var arrived = new TaskCompletionSource<EntityState>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var s = h.Cache.SubscribeEntity("sensor.bench_concurrent", (_, n) => arrived.TrySetResult(n!));
        await h.Simulator.SetStateAsync("sensor.bench_concurrent", "on", attributes);
        var state = await arrived.Task.WaitAsync(Patience);

        using var start = new Barrier(8);
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(Patience);
                var seen = new List<(string Key, JsonElement Value)>();
                for (var i = 39; i >= 0; i--)
                {
                    Assert.IsTrue(state.Attributes.TryGetValue($"a{i}", out var value));
                    seen.Add(($"a{i}", value));
                }

                Assert.AreEqual(40, state.Attributes.Count);
                return seen;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        var results = await Task.WhenAll(readers).WaitAsync(Patience);

        foreach (var seen in results)
        {
            foreach (var (key, value) in seen)
            {
                Assert.AreEqual(int.Parse(key[1..], System.Globalization.CultureInfo.InvariantCulture), value.GetInt32());
            }
        }

        // All readers got elements of the one dictionary that was published, so they stay equal to each other forever.
        Assert.IsTrue(results.All(r => r.Zip(results[0]).All(p => p.First.Value.GetRawText() == p.Second.Value.GetRawText())));
    }

    [TestMethod]
    public async Task Frames_sent_in_small_websocket_fragments_are_reassembled_for_states_events_and_results()
    {
        // 7-byte fragments split names, values and multi-byte UTF-8 characters; get_states of the demo home is hundreds of fragments.
        await using var h = await SimulatorHarness.CreateAsync(simulatorOptions: new SimulatorOptions { Port = 0, MaxFragmentBytes = 7 });
        await h.StartAsync();

        var expected = JsonDocument.Parse(h.Simulator.GetStatesJson()).RootElement;
        Assert.AreEqual(expected.GetArrayLength(), h.Cache.Count);
        foreach (var item in expected.EnumerateArray())
        {
            var cached = h.Cache.GetState(item.GetProperty("entity_id").GetString()!)!;
            Assert.AreEqual(item.GetProperty("state").GetString(), cached.State);
            Assert.AreEqual(item.GetProperty("attributes").EnumerateObject().Count(), cached.Attributes.Count);
        }

        var change = new TaskCompletionSource<EntityState?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var s = h.Cache.SubscribeEntity("sensor.fragmented", (_, n) => change.TrySetResult(n));
        var custom = new TaskCompletionSource<HassEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var e = h.Cache.SubscribeEvents(["fragmented_event"], ev => custom.TrySetResult(ev));
        await h.Simulator.SetStateAsync("sensor.fragmented", "Küche ☃ 21,5 °C", new Dictionary<string, object?> { ["friendly_name"] = "Küchentemperatur ☃", ["unit_of_measurement"] = "°C" });
        await h.Simulator.FireEventAsync("fragmented_event", new { text = "€uro ✓" });

        var state = (await change.Task.WaitAsync(Patience))!;
        Assert.AreEqual("Küche ☃ 21,5 °C", state.State);
        Assert.AreEqual("Küchentemperatur ☃", state.GetAttribute<string>("friendly_name"));
        Assert.AreEqual("€uro ✓", (await custom.Task.WaitAsync(Patience)).Data.GetProperty("text").GetString());

        // A command result is reassembled and outlives the frames read after it.
        var config = await h.Client.SendCommandAsync("get_config", cancellationToken: CancellationToken.None).WaitAsync(Patience);
        await h.Simulator.SetStateAsync("sensor.fragmented", "after");
        Assert.AreEqual(JsonValueKind.String, config.GetProperty("version").ValueKind);
    }

    [TestMethod]
    public void A_state_written_back_without_reading_its_attributes_carries_them_unchanged()
    {
        var json = """{"entity_id":"light.a","state":"on","attributes":{"brightness":200,"name":"Küche ☃","rgb":[1,2,3]},"last_changed":"2025-01-05T10:00:00+00:00","last_updated":"2025-01-05T10:00:00+00:00","context":{"id":"c1","parent_id":null,"user_id":null}}""";
        var state = HassJson.ParseState(JsonDocument.Parse(json).RootElement);

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            HassJson.WriteState(writer, state);
        }

        Assert.IsFalse(((HassLazyAttributes)state.Attributes).IsMaterialized);
        var written = HassJson.ParseState(JsonDocument.Parse(buffer.WrittenMemory).RootElement);
        Assert.AreEqual(200, written.GetAttribute<int>("brightness"));
        Assert.AreEqual("Küche ☃", written.GetAttribute<string>("name"));
        Assert.AreEqual(3, written.Attributes["rgb"].GetArrayLength());
        Assert.AreEqual(state.LastChanged, written.LastUpdated);
    }

    private static (EntityState? Old, EntityState? New) Take(BlockingCollection<(EntityState? Old, EntityState? New)> changes)
    {
        Assert.IsTrue(changes.TryTake(out var change, Patience), "a state change arrives");
        return change;
    }
}
