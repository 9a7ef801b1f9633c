using Domovoy.Abstractions;
using Domovoy.Core.Apps.Engine;
using Domovoy.Core.Apps.Registration;
using Domovoy.Core.HomeAssistant.Apps;
using Domovoy.Core.Tests.HomeAssistant;
using Domovoy.Core.Tests.Infrastructure;
using Domovoy.Generators.Naming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Domovoy.Core.Tests.Apps;

/// <summary>
/// An entity id in an app's config that Home Assistant does not have is reported when the app starts, naming the app,
/// the config field and the closest existing ids (real client and cache against the simulator's demo home).
/// </summary>
[TestClass]
public sealed class ConfigEntityCheckTests
{
    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task A_misspelt_entity_in_a_config_is_a_did_you_mean_warning_and_shows_in_the_app_info()
    {
        await using var harness = await SimulatorHarness.CreateAsync();
        await harness.StartAsync();
        var logs = new LogSink();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        await using var engine = new AppEngine(factory, Options.Create(new DomovoyOptions()), TimeProvider.System, null, harness.Cache, new AppHassFactory(harness.Client, harness.Cache));
        var config = new LightsConfig
        {
            Motion = new BinarySensorEntity("binary_sensor.hallway_motion"),
            Lights = [new LightEntity("light.hallway"), new LightEntity("light.halway")],
        };

        await engine.ApplyPluginAsync("Lights", [new AppRegistration("hall", "Lights", typeof(LightsApp), config, () => new LightsApp())], CancellationToken.None);

        await logs.WaitForAsync("App hall initialized");
        var warning = logs.Lines.Single(l => l.Message.Contains("which Home Assistant does not have", StringComparison.Ordinal)).Message;
        StringAssert.Contains(warning, "App hall: config field Lights[1] names light.halway");
        StringAssert.Contains(warning, "did you mean light.hallway");
        var info = engine.GetApps().Single();
        Assert.HasCount(1, info.ConfigWarnings);
        StringAssert.Contains(info.ConfigWarnings[0], "light.halway");
        Assert.AreEqual(AppStatus.Running, info.Status, "a warning does not stop the app");
    }

    [TestMethod]
    public void Suggestions_are_the_closest_ids_by_edit_distance_and_none_when_nothing_is_close()
    {
        string[] ids = ["light.hallway_2", "switch.hallway", "light.kitchen", "light.hallway", "sensor.hallway_temperature"];
        CollectionAssert.AreEqual(new[] { "light.hallway" }, ClosestIds.Find("light.halway", ids).ToArray());
        CollectionAssert.AreEqual(new[] { "light.kitchen" }, ClosestIds.Find("light.kitchn", ids).ToArray());
        CollectionAssert.AreEqual(new[] { "light.dan", "aight.den" }, ClosestIds.Find("light.den", ["aight.den", "light.dan"]).ToArray(), "same domain first at equal distance");
        Assert.IsEmpty(ClosestIds.Find("climate.attic", ids));
    }

    private sealed class LightsConfig : AppConfigBase
    {
        public required BinarySensorEntity Motion { get; init; }

        public required IReadOnlyList<LightEntity> Lights { get; init; }
    }

    private sealed class LightsApp : AppBase<LightsConfig>
    {
        public override Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
