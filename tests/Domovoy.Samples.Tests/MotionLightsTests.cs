using Domovoy.Samples.MotionLights;

namespace Domovoy.Samples.Tests;

/// <summary>samples/MotionLights: motion turns the light on; it goes off after the off-delay without motion.</summary>
[TestClass]
public sealed class MotionLightsTests
{
    private static Task<DomovoyTestHome> StartAsync() => DomovoyTestHome.StartAsync(h => h
        .WithEntity("binary_sensor.hallway_motion", "off")
        .WithEntity("binary_sensor.kitchen_motion", "off")
        .WithEntity("light.hallway", "off", new { friendly_name = "Hallway" })
        .WithEntity("light.kitchen", "off")
        .AddRegistrar<Apps>());

    [TestMethod]
    public async Task Motion_turns_the_hallway_light_on_at_80_percent()
    {
        await using var home = await StartAsync();

        await home.SetStateAsync("binary_sensor.hallway_motion", "on");

        home.AssertServiceCalled("light", "turn_on", "light.hallway", new { brightness_pct = 80 }, app: "hallway_lights");
        home.AssertState("light.hallway", "on");
        home.AssertNoServiceCall("light", entityId: "light.kitchen");
    }

    [TestMethod]
    public async Task The_light_goes_off_30_seconds_after_motion_stops_and_not_before()
    {
        await using var home = await StartAsync();
        await home.SetStateAsync("binary_sensor.hallway_motion", "on");
        await home.SetStateAsync("binary_sensor.hallway_motion", "off");

        await home.AdvanceAsync(TimeSpan.FromSeconds(29));
        home.AssertNoServiceCall("light", "turn_off");
        home.AssertState("light.hallway", "on");

        await home.AdvanceAsync(TimeSpan.FromSeconds(1));
        var off = home.AssertServiceCalled("light", "turn_off", "light.hallway", app: "hallway_lights");
        Assert.AreEqual(DomovoyTestHomeBuilder.DefaultStart + TimeSpan.FromSeconds(30), off.Time);
        home.AssertState("light.hallway", "off");
    }

    [TestMethod]
    public async Task New_motion_before_the_delay_ends_keeps_the_light_on()
    {
        await using var home = await StartAsync();
        await home.SetStateAsync("binary_sensor.hallway_motion", "on");
        await home.SetStateAsync("binary_sensor.hallway_motion", "off");
        await home.AdvanceAsync(TimeSpan.FromSeconds(20));

        await home.SetStateAsync("binary_sensor.hallway_motion", "on");
        await home.AdvanceAsync(TimeSpan.FromMinutes(5));

        home.AssertNoServiceCall("light", "turn_off");
        home.AssertServiceCallCount(2, "light", "turn_on", "light.hallway");
        home.AssertState("light.hallway", "on");
    }

    [TestMethod]
    public async Task The_kitchen_instance_uses_its_own_config()
    {
        await using var home = await StartAsync();

        await home.SetStateAsync("binary_sensor.kitchen_motion", "on");
        await home.SetStateAsync("binary_sensor.kitchen_motion", "off");
        await home.AdvanceAsync(TimeSpan.FromSeconds(59));
        home.AssertState("light.kitchen", "on");
        await home.AdvanceAsync(TimeSpan.FromSeconds(1));

        home.AssertServiceCalled("light", "turn_on", "light.kitchen", new { brightness_pct = 100 }, app: "kitchen_lights");
        home.AssertState("light.kitchen", "off");
        home.AssertNoServiceCall("light", app: "hallway_lights");
    }
}
