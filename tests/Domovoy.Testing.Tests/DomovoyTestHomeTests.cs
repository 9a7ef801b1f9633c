namespace Domovoy.Testing.Tests;

/// <summary>The kit's own behaviour: the clock, settling, callback errors, failure messages and seeds.</summary>
[TestClass]
public sealed class DomovoyTestHomeTests
{
    private static readonly DateTimeOffset Start = DomovoyTestHomeBuilder.DefaultStart;

    [TestMethod]
    public async Task Advancing_runs_chained_timers_each_at_its_own_due_time_in_order()
    {
        await using var home = await DomovoyTestHome.StartAsync(h => h
            .WithEntity("light.desk", "off")
            .AddApp<ChainApp, LightConfig>("chain", new() { Light = new("light.desk"), Delay = TimeSpan.FromSeconds(10) }));

        // Due at +10 s, then +10+20 = +30 s, +60 s, +100 s: each re-arms from inside the previous callback.
        await home.AdvanceAsync(TimeSpan.FromSeconds(100));

        CollectionAssert.AreEqual(
            new[] { Start.AddSeconds(10), Start.AddSeconds(30), Start.AddSeconds(60), Start.AddSeconds(100) },
            home.ServiceCalls.Select(c => c.Time).ToArray());
        home.AssertState("light.desk", "off");
        Assert.AreEqual(Start.AddSeconds(100), home.Now);
    }

    [TestMethod]
    public async Task Daily_schedules_and_duration_listeners_follow_the_clock_across_days_in_the_home_time_zone()
    {
        await using var home = await DomovoyTestHome.StartAsync(h => h
            .InTimeZone("Europe/Berlin")
            .WithEntity("light.porch", "off")
            .AddApp<MorningApp, LightConfig>("morning", new() { Light = new("light.porch") }));

        await home.AdvanceAsync(TimeSpan.FromDays(3));

        // 07:00 Berlin is 06:00 UTC in January; the start (12:00 UTC) is after it, so three mornings follow.
        CollectionAssert.AreEqual(
            new[] { "2025-01-07T06:00:00Z", "2025-01-08T06:00:00Z", "2025-01-09T06:00:00Z" },
            home.ServiceCalls.Select(c => c.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)).ToArray());

        // The light went on at the first 07:00 and stayed on: the one-minute hold fired once.
        Assert.AreEqual(1, home.LogsOf("morning").Count(l => l.Message == "Light was on for a minute"), string.Join("\n", home.LogsOf("morning")));
    }

    [TestMethod]
    public async Task Sun_events_come_from_the_home_location_and_cron_rules_from_the_clock()
    {
        await using var home = await DomovoyTestHome.StartAsync(h => h
            .AtLocation(52.52, 13.405)
            .WithEntity("light.porch", "off")
            .AddApp<SunsetApp, LightConfig>("sunset", new() { Light = new("light.porch") }));

        await home.AdvanceAsync(TimeSpan.FromHours(6));

        // Berlin, 6 January 2025: sunset at about 16:15 local, 15:15 UTC.
        var sunset = home.AssertServiceCalled("light", "turn_on", "light.porch", app: "sunset");
        Assert.IsTrue(sunset.Time > new DateTimeOffset(2025, 1, 6, 15, 5, 0, TimeSpan.Zero) && sunset.Time < new DateTimeOffset(2025, 1, 6, 15, 25, 0, TimeSpan.Zero), sunset.ToString());
        Assert.AreEqual(24, home.LogsOf("sunset").Count(l => l.Message.StartsWith("Quarter hour at ", StringComparison.Ordinal)));
        home.AssertLogged("sunset", "Quarter hour at 18:00");
    }

    [TestMethod]
    public async Task Fired_events_reach_listeners_with_their_data()
    {
        await using var home = await DomovoyTestHome.StartAsync(h => h
            .WithEntity("light.porch", "off")
            .AddApp<MorningApp, LightConfig>("morning", new() { Light = new("light.porch") }));

        await home.FireEventAsync("doorbell", new { button = "front" });

        home.AssertLogged("morning", "Doorbell: {\"button\":\"front\"}");
    }

    [TestMethod]
    public async Task A_callback_that_throws_fails_the_next_step_with_the_app_exception()
    {
        await using var home = await DomovoyTestHome.StartAsync(h => h
            .WithEntity("light.desk", "off")
            .AddApp<ThrowingApp, LightConfig>("thrower", new() { Light = new("light.desk") }));

        var error = await Assert.ThrowsExactlyAsync<AppCallbackException>(() => home.SetStateAsync("light.desk", "on"));

        Assert.IsInstanceOfType<InvalidOperationException>(error.InnerException);
        Assert.AreEqual("the app's own bug", error.InnerException!.Message);
        StringAssert.Contains(error.Message, "App thrower");

        // Reported once: the next step does not fail again for the same error.
        await home.AdvanceAsync(TimeSpan.FromSeconds(1));
    }

    [TestMethod]
    public async Task Allowed_callback_errors_are_recorded_instead()
    {
        await using var home = await DomovoyTestHome.StartAsync(h => h
            .WithEntity("light.desk", "off")
            .AddApp<ThrowingApp, LightConfig>("thrower", new() { Light = new("light.desk") })
            .AllowCallbackErrors());

        await home.SetStateAsync("light.desk", "on");

        var error = home.CallbackErrors.Single();
        Assert.AreEqual("thrower", error.App);
        Assert.AreEqual("the app's own bug", error.Exception.Message);
        home.AssertAppStatus("thrower", AppStatus.Running);
    }

    [TestMethod]
    public async Task Failed_assertions_name_the_entity_the_expected_and_actual_values_and_what_the_apps_did()
    {
        await using var home = await DomovoyTestHome.StartAsync(h => h
            .WithEntity("light.desk", "off")
            .AddApp<ChainApp, LightConfig>("chain", new() { Light = new("light.desk") }));
        await home.AdvanceAsync(TimeSpan.FromSeconds(10));

        var state = Assert.ThrowsExactly<DomovoyAssertionException>(() => home.AssertState("light.desk", "off"));
        StringAssert.Contains(state.Message, "Expected light.desk to be 'off', but it is 'on'.");
        StringAssert.Contains(state.Message, "chain: light.toggle light.desk at 2025-01-06T12:00:10");

        var call = Assert.ThrowsExactly<DomovoyAssertionException>(() => home.AssertServiceCalled("light", "turn_on", "light.desk", new { brightness_pct = 50 }, app: "chain"));
        StringAssert.Contains(call.Message, "Expected a call of light.turn_on on light.desk by app chain with data {\"brightness_pct\":50}, but no such call was made.");

        var none = Assert.ThrowsExactly<DomovoyAssertionException>(() => home.AssertNoServiceCall("light"));
        StringAssert.Contains(none.Message, "Expected no call of light.*, but found 1: chain: light.toggle light.desk");
    }

    [TestMethod]
    public async Task Start_fails_with_the_reason_when_a_config_is_invalid_or_an_app_does_not_initialize()
    {
        var invalid = await Assert.ThrowsExactlyAsync<DomovoyAssertionException>(() => DomovoyTestHome.StartAsync(h => h
            .AddApp<ChainApp, LightConfig>("chain", new() { Light = new("light.desk"), Delay = TimeSpan.Zero })));
        StringAssert.Contains(invalid.Message, "App 'chain' (ChainApp)");
        StringAssert.Contains(invalid.Message, nameof(LightConfig.Delay));

        var broken = await Assert.ThrowsExactlyAsync<DomovoyAssertionException>(() => DomovoyTestHome.StartAsync(h => h.AddApp<BrokenApp>("boiler")));
        StringAssert.Contains(broken.Message, "boiler");
        StringAssert.Contains(broken.Message, "no config for the boiler");
    }

    [TestMethod]
    public async Task Seeds_come_from_an_entities_file_and_a_codegen_snapshot_with_inline_entities_on_top()
    {
        var folder = Directory.CreateTempSubdirectory("domovoy-testing-").FullName;
        try
        {
            var yaml = Path.Combine(folder, "entities.yaml");
            File.WriteAllText(yaml, "- entity_id: sensor.power\n  state: 412.5\n  attributes:\n    unit_of_measurement: W\n- entity_id: light.desk\n  state: \"off\"\n");
            var snapshot = Path.Combine(folder, "hass.snapshot.json");
            File.WriteAllText(snapshot, """{"schema":1,"entities":[{"entity_id":"sensor.kitchen_temperature","domain":"sensor","friendly_name":"Kitchen temperature","state":"21.5","state_kind":"number","unit_of_measurement":"°C"}],"services":[]}""");

            await using var home = await DomovoyTestHome.StartAsync(h => h
                .WithEntitiesFile(yaml)
                .WithSnapshotFile(snapshot)
                .WithEntity("light.desk", "on"));

            home.AssertState("sensor.power", "412.5");
            home.AssertAttribute("sensor.power", "unit_of_measurement", "W");
            home.AssertState("sensor.kitchen_temperature", "21.5");
            home.AssertAttribute("sensor.kitchen_temperature", "friendly_name", "Kitchen temperature");
            home.AssertState("light.desk", "on");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task Apps_keep_working_across_a_dropped_connection_and_a_restart()
    {
        await using var home = await DomovoyTestHome.StartAsync(h => h
            .WithEntity("light.desk", "off")
            .AddApp<ChainApp, LightConfig>("chain", new() { Light = new("light.desk") }));

        await home.DropConnectionAsync();
        await home.AdvanceAsync(TimeSpan.FromSeconds(10));
        home.AssertState("light.desk", "on");

        await home.RestartHomeAssistantAsync(() => home.SetStateAsync("light.desk", "off"));
        home.AssertState("light.desk", "off");
        await home.AdvanceAsync(TimeSpan.FromSeconds(20));
        home.AssertState("light.desk", "on");
        home.AssertAppStatus("chain", AppStatus.Running);
    }
}
