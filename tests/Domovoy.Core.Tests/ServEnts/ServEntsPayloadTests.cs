using System.Text.Json.Nodes;
using Domovoy.Abstractions;

namespace Domovoy.Core.Tests.ServEnts;

/// <summary>Every create call's service payload, as the simulator received it, against the ServEnts wire-format reference.</summary>
[TestClass]
public sealed class ServEntsPayloadTests
{
    // The reference's DEV object for app my_app; the manufacturer is "{namespace}/{class}" of the app class.
    private const string Dev = """{"device_id":"my_app","name":"my_app","manufacturer":"Domovoy.Core.Tests.ServEnts/PayloadApp","model":"my_app","version":"Domovoy","app_name":"my_app","is_global":false}""";

    private static readonly string[] Expected =
    [
        """{"entity_type":"sensor","servent_id":"my_app-temperature","name":"Temperature","fixed_attributes":{},"disabled_by_default":false,"app_name":"my_app","device_class":"temperature","unit_of_measurement":"°C","state_class":"measurement","device_definition":DEV}""",
        """{"entity_type":"binary_sensor","servent_id":"my_app-door_open","name":"Front Door","default_state":false,"fixed_attributes":{},"disabled_by_default":false,"app_name":"my_app","device_class":"door","device_definition":DEV}""",
        """{"entity_type":"switch","servent_id":"my_app-automation_enabled","name":"Automation Enabled","fixed_attributes":{},"disabled_by_default":false,"app_name":"my_app","device_class":"switch","device_definition":DEV}""",
        """{"entity_type":"number","servent_id":"my_app-temperature_threshold","name":"Temperature Threshold","default_state":75,"fixed_attributes":{},"disabled_by_default":false,"app_name":"my_app","unit_of_measurement":"°F","mode":"slider","min_value":60,"max_value":90,"step":1,"device_definition":DEV}""",
        """{"entity_type":"select","servent_id":"my_app-operating_mode","name":"Operating Mode","default_state":"Auto","fixed_attributes":{},"disabled_by_default":false,"app_name":"my_app","options":["Auto","Manual","Off"],"device_definition":DEV}""",
        """{"entity_type":"button","servent_id":"my_app-my_app.counter_reset","name":"Reset Counter","fixed_attributes":{},"disabled_by_default":false,"app_name":"my_app","event":"my_app.counter_reset","event_data":{},"device_definition":DEV}""",
        """{"entity_type":"button","servent_id":"my_app-my_app.AppRestartRequested","name":"Restart App","fixed_attributes":{},"entity_category":"diagnostic","disabled_by_default":true,"app_name":"my_app","event":"my_app.AppRestartRequested","event_data":{},"device_class":"restart","device_definition":DEV}""",
        """{"entity_type":"threshold","servent_id":"my_app-pump_is_running","name":"Pump Running","fixed_attributes":{},"disabled_by_default":false,"app_name":"my_app","entity_id":"sensor.pump_pressure","lower":5,"upper":100,"hysteresis":0.5,"device_definition":DEV}""",
        """{"entity_type":"threshold","servent_id":"my_app-pump_low","name":"Pump Low","fixed_attributes":{"zone":"garden","n":[1,2]},"disabled_by_default":false,"app_name":"my_app","entity_id":"sensor.pump_pressure","lower":5,"hysteresis":0.0,"device_definition":DEV}""",
    ];

    [TestMethod]
    public async Task Every_create_sends_the_reference_payload_and_update_state_sends_state_and_attributes()
    {
        await using var f = await ServEntsFixture.CreateAsync();
        await f.H.Simulator.SetStateAsync("sensor.pump_pressure", "50");
        var probe = new Probe();
        f.H.Simulator.ResetCounters();
        await f.StartAsync(("my_app", () => new PayloadApp(probe)));

        var creates = Calls(f, "create_entity");
        Assert.HasCount(Expected.Length, creates);
        for (var i = 0; i < Expected.Length; i++)
        {
            var call = creates[i];
            Assert.AreEqual("servents", call["domain"]!.GetValue<string>());
            Assert.IsNull(call["target"], "no target is sent");
            var entities = call["service_data"]!["entities"]!.AsArray();
            Assert.HasCount(1, entities, "one entity per call");
            AssertSameJson(Expected[i].Replace("DEV", Dev, StringComparison.Ordinal), entities[0]!);
        }

        var update = Calls(f, "update_state").Single();
        AssertSameJson("""{"servent_id":"my_app-temperature","state":21.5,"attributes":{}}""", update["service_data"]!);
        Assert.AreEqual("21.5", f.H.Simulator.GetState("sensor.my_app_temperature"));
        Assert.AreEqual("sensor.my_app_temperature", probe.TemperatureEntityId);
        Assert.AreEqual("°C", probe.Unit);
    }

    [TestMethod]
    public async Task Global_devices_prefix_global_and_need_an_app_name_and_handles_explain_missing_entities()
    {
        await using var f = await ServEntsFixture.CreateAsync();
        var probe = new Probe();
        f.H.Simulator.ResetCounters();
        await f.StartAsync(("my_app", () => new GlobalApp(probe)));

        var create = Calls(f, "create_entity")[0];
        var entity = create["service_data"]!["entities"]![0]!;
        Assert.AreEqual("global-house-occupancy", entity["servent_id"]!.GetValue<string>());
        Assert.AreEqual("house", entity["app_name"]!.GetValue<string>());
        AssertSameJson("""{"device_id":"house","name":"House","app_name":"house","is_global":true}""", entity["device_definition"]!);
        StringAssert.Contains(probe.GlobalError, "must set AppName");
        StringAssert.Contains(probe.MissingError, "my_app-hidden");
        Assert.AreEqual("unknown", probe.HiddenRawState);
    }

    [TestMethod]
    public async Task A_time_is_sent_as_epoch_seconds_and_a_timestamp_sensor_shows_it_in_utc()
    {
        await using var f = await ServEntsFixture.CreateAsync();
        f.H.Simulator.ResetCounters();
        await f.StartAsync(("my_app", () => new TimestampApp()));

        var update = Calls(f, "update_state").Single();
        Assert.AreEqual(1782019800.25, update["service_data"]!["state"]!.GetValue<double>());
        await f.WaitForCacheAsync("sensor.my_app_last_seen", s => s.State == "2026-06-21T05:30:00.250000+00:00");
    }

    private static List<JsonNode> Calls(ServEntsFixture f, string service) =>
        f.H.Simulator.ReceivedServiceCalls.Select(c => JsonNode.Parse(c)!)
            .Where(c => c["domain"]!.GetValue<string>() == "servents" && c["service"]!.GetValue<string>() == service)
            .ToList();

    /// <summary>Same values (numbers compared by value: 75 equals 75.0) and the same key order at every level.</summary>
    private static void AssertSameJson(string expected, JsonNode actual)
    {
        var want = JsonNode.Parse(expected)!;
        Assert.IsTrue(JsonNode.DeepEquals(want, actual), $"expected {want.ToJsonString()}\n  actual {actual.ToJsonString()}");
        CollectionAssert.AreEqual(Keys(want), Keys(actual), $"key order of {actual.ToJsonString()}");
    }

    private static List<string> Keys(JsonNode node)
    {
        var keys = new List<string>();
        Walk(node, string.Empty);
        return keys;

        void Walk(JsonNode? n, string path)
        {
            if (n is JsonObject obj)
            {
                foreach (var (key, child) in obj)
                {
                    keys.Add(path + "/" + key);
                    Walk(child, path + "/" + key);
                }
            }
        }
    }

    private sealed class Probe
    {
        public string? TemperatureEntityId { get; set; }

        public string? Unit { get; set; }

        public string GlobalError { get; set; } = string.Empty;

        public string MissingError { get; set; } = string.Empty;

        public string? HiddenRawState { get; set; }
    }

    private sealed class PayloadApp(Probe probe) : AppBase
    {
        public override async Task InitializeAsync(CancellationToken cancellationToken)
        {
            var temperature = await ServEnts.CreateSensorAsync("temperature", "Temperature", new() { DeviceClass = "temperature", UnitOfMeasurement = "°C", StateClass = "measurement" }, cancellationToken);
            await ServEnts.CreateBinarySensorAsync("door_open", "Front Door", new() { DefaultState = false, DeviceClass = "door" }, cancellationToken);
            await ServEnts.CreateSwitchAsync("automation_enabled", "Automation Enabled", cancellationToken: cancellationToken);
            await ServEnts.CreateNumberAsync("temperature_threshold", "Temperature Threshold", new() { Mode = ServEntNumberMode.Slider, MinValue = 60, MaxValue = 90, Step = 1, UnitOfMeasurement = "°F", DefaultState = 75 }, cancellationToken);
            await ServEnts.CreateSelectAsync("operating_mode", "Operating Mode", ["Auto", "Manual", "Off"], new() { DefaultState = "Auto" }, cancellationToken);
            await ServEnts.ListenButtonPressAsync("Reset Counter", "counter_reset", (_, _) => Task.CompletedTask, cancellationToken: cancellationToken);
            await ServEnts.EnableReloadButtonAsync(cancellationToken);
            await ServEnts.CreateThresholdBinarySensorAsync("pump_is_running", "Pump Running", new SensorEntity<double>("sensor.pump_pressure"), new() { Lower = 5, Upper = 100, Hysteresis = 0.5 }, cancellationToken);
            await ServEnts.CreateThresholdBinarySensorAsync("pump_low", "Pump Low", new SensorEntity<double>("sensor.pump_pressure"), new() { Lower = 5, FixedAttributes = new Dictionary<string, object?> { ["zone"] = "garden", ["nothing"] = null, ["n"] = new int?[] { 1, null, 2 } } }, cancellationToken);
            await temperature.SetToAsync(21.5, cancellationToken: cancellationToken);
            probe.TemperatureEntityId = temperature.GetEntityId();
            probe.Unit = temperature.GetFullState().GetAttribute<string>("unit_of_measurement");
        }
    }

    private sealed class TimestampApp : AppBase
    {
        public override async Task InitializeAsync(CancellationToken cancellationToken)
        {
            var seen = await ServEnts.CreateSensorAsync("last_seen", "Last Seen", new() { DeviceClass = "timestamp" }, cancellationToken);
            await seen.SetToAsync(DateTimeOffset.Parse("2026-06-21T07:30:00.25+02:00", System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        }
    }

    private sealed class GlobalApp(Probe probe) : AppBase
    {
        public override async Task InitializeAsync(CancellationToken cancellationToken)
        {
            await ServEnts.CreateBinarySensorAsync("occupancy", "Occupancy", new() { Device = new ServEntDevice("house", "House") { AppName = "house", IsGlobal = true } }, cancellationToken);
            try
            {
                await ServEnts.CreateSensorAsync("x", "X", new() { Device = new ServEntDevice("shared", "Shared") { IsGlobal = true } }, cancellationToken);
            }
            catch (ServEntException ex)
            {
                probe.GlobalError = ex.Message;
            }

            var hidden = await ServEnts.CreateSensorAsync("hidden", "Hidden", new() { DisabledByDefault = true }, cancellationToken);
            probe.HiddenRawState = hidden.GetRawState();
            try
            {
                hidden.GetEntityId();
            }
            catch (ServEntException ex)
            {
                probe.MissingError = ex.Message;
            }
        }
    }
}
