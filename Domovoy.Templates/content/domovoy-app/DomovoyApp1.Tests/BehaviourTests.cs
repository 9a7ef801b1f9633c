using Domovoy.Testing;

namespace DomovoyApp1.Tests;

/// <summary>
/// What the app does, tested against the real Domovoy engine and a simulated Home Assistant on a fake clock: each test
/// starts its own home in milliseconds, drives it (states, events, time) and asserts the service calls and states.
/// </summary>
[TestClass]
public sealed class BehaviourTests
{
    /// <summary>A home with the entities the app uses and the app registered exactly as the host registers it.</summary>
    private static Task<DomovoyTestHome> StartAsync() => DomovoyTestHome.StartAsync(home => home
        .WithEntity("binary_sensor.hallway_motion", "off")
        .WithEntity("light.hallway", "off", new { friendly_name = "Hallway" })
        .AddRegistrar<Apps>());

    [TestMethod]
    public async Task Motion_turns_the_light_on()
    {
        await using var home = await StartAsync();

        await home.SetStateAsync("binary_sensor.hallway_motion", "on");

        home.AssertServiceCalled("light", "turn_on", "light.hallway", new { brightness_pct = 80 }, app: Apps.AppName);
        home.AssertState("light.hallway", "on");
    }

    [TestMethod]
    public async Task Motion_stopping_does_not_touch_the_light()
    {
        await using var home = await StartAsync();
        await home.SetStateAsync("binary_sensor.hallway_motion", "on");
        home.ClearServiceCalls();

        await home.SetStateAsync("binary_sensor.hallway_motion", "off");

        home.AssertNoServiceCall("light");
    }

    [TestMethod]
    public async Task The_heartbeat_timer_fires_when_time_advances()
    {
        await using var home = await StartAsync();
        await home.SetStateAsync("binary_sensor.hallway_motion", "on");

        await home.AdvanceAsync(TimeSpan.FromMinutes(4));
        Assert.IsFalse(home.LogsOf(Apps.AppName).Any(l => l.Message.StartsWith("Still running", StringComparison.Ordinal)), "no heartbeat before 5 minutes");

        await home.AdvanceAsync(TimeSpan.FromMinutes(1));
        home.AssertLogged(Apps.AppName, "Still running; motion seen 1 times");
    }
}
