using Domovoy.Abstractions;
using Domovoy.Samples.MotionCounter;

namespace Domovoy.Samples.Tests;

/// <summary>samples/MotionCounter: ServEnts entities (a count sensor, a pause switch, reset and restart buttons).</summary>
[TestClass]
public sealed class MotionCounterTests
{
    private static Task<DomovoyTestHome> StartAsync() => DomovoyTestHome.StartAsync(h => h
        .WithEntity("binary_sensor.hallway_motion", "off")
        .WithEntity("binary_sensor.kitchen_motion", "off")
        .AddRegistrar<Apps>());

    [TestMethod]
    public async Task Creates_its_entities_in_Home_Assistant()
    {
        await using var home = await StartAsync();

        var entities = home.ServEntEntities("motion_counter");

        CollectionAssert.AreEquivalent(
            new[] { "Motion Events", "Counting Enabled", "Reset Count", "Restart App" },
            entities.Select(e => e.Name).ToArray());
        // The restart button is disabled by default, so Home Assistant registers it without a state.
        Assert.IsTrue(entities.Where(e => e.Name != "Restart App").All(e => e.EntityId is not null), string.Join(", ", entities));
        Assert.IsNull(entities.Single(e => e.Name == "Restart App").EntityId);
        home.AssertState(home.ServEntEntityId("motion_counter", "Motion Events"), "0");
        home.AssertState(home.ServEntEntityId("motion_counter", "Counting Enabled"), "on");
    }

    [TestMethod]
    public async Task Counts_motion_of_every_sensor_and_names_the_last_one()
    {
        await using var home = await StartAsync();
        var count = home.ServEntEntityId("motion_counter", "motion_events");

        await home.SetStateAsync("binary_sensor.hallway_motion", "on");
        await home.SetStateAsync("binary_sensor.hallway_motion", "off");
        await home.SetStateAsync("binary_sensor.kitchen_motion", "on");

        home.AssertState(count, "2");
        home.AssertAttribute(count, "last_sensor", "binary_sensor.kitchen_motion");
    }

    [TestMethod]
    public async Task The_switch_pauses_counting_and_the_button_resets_the_count()
    {
        await using var home = await StartAsync();
        var count = home.ServEntEntityId("motion_counter", "Motion Events");
        await home.SetStateAsync("binary_sensor.hallway_motion", "on");
        home.AssertState(count, "1");

        await home.SetStateAsync(home.ServEntEntityId("motion_counter", "Counting Enabled"), "off");
        await home.SetStateAsync("binary_sensor.kitchen_motion", "on");
        home.AssertState(count, "1");
        home.AssertLogged("motion_counter", "Counting paused from Home Assistant");

        await home.PressButtonAsync(home.ServEntEntityId("motion_counter", "Reset Count"));
        home.AssertState(count, "0");
        home.AssertLogged("motion_counter", "Count reset from Home Assistant");
    }

    [TestMethod]
    public async Task The_count_survives_a_Home_Assistant_restart()
    {
        await using var home = await StartAsync();
        var count = home.ServEntEntityId("motion_counter", "Motion Events");
        await home.SetStateAsync("binary_sensor.hallway_motion", "on");
        await home.SetStateAsync("binary_sensor.hallway_motion", "off");

        await home.RestartHomeAssistantAsync();
        await home.SetStateAsync("binary_sensor.hallway_motion", "on");

        home.AssertState(count, "2");
        home.AssertAppStatus("motion_counter", AppStatus.Running);
    }
}
