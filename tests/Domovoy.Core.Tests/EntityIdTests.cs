using Domovoy.Abstractions;

namespace Domovoy.Core.Tests;

[TestClass]
public sealed class EntityIdTests
{
    [TestMethod]
    public void Light_rejects_other_domains_with_a_message_naming_the_id()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new LightEntity("switch.kitchen"));
        StringAssert.Contains(ex.Message, "switch.kitchen");
        StringAssert.Contains(ex.Message, "light.");
    }

    [TestMethod]
    [DataRow("on", true)]
    [DataRow("off", false)]
    [DataRow("unavailable", null)]
    [DataRow("unknown", null)]
    public void Light_state_parses_to_nullable_bool(string raw, bool? expected)
    {
        var light = new LightEntity("light.kitchen");
        Assert.AreEqual(expected, light.ParseState(State("light.kitchen", raw)));
    }

    [TestMethod]
    public void Numeric_sensor_parses_with_invariant_culture()
    {
        var sensor = new SensorEntity<double>("sensor.temperature");
        Assert.AreEqual(21.5, sensor.ParseState(State("sensor.temperature", "21.5")));
        Assert.IsNull(sensor.ParseState(State("sensor.temperature", "n/a")));
    }

    [TestMethod]
    public void Climate_state_maps_snake_case_to_enum()
    {
        var climate = new ClimateEntity("climate.living_room");
        Assert.AreEqual(HvacMode.HeatCool, climate.ParseState(State("climate.living_room", "heat_cool")));
        Assert.AreEqual(HvacMode.FanOnly, climate.ParseState(State("climate.living_room", "fan_only")));
    }

    private static EntityState State(string id, string state)
        => new(id, state, new Dictionary<string, System.Text.Json.JsonElement>(), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null);
}
