using System.ComponentModel.DataAnnotations;
using Domovoy.Abstractions;

namespace DomovoyApp1.Tests;

[TestClass]
public sealed class AppsTests
{
    [TestMethod]
    public void Registers_the_app_with_a_valid_config()
    {
        var registry = new RecordingRegistry();

        new Apps().Register(registry);

        var registration = registry.Registrations.Single();
        Assert.AreEqual(Apps.AppName, registration.Name);
        Assert.AreEqual(typeof(DomovoyAppClassApp), registration.AppType);
        var config = (DomovoyAppClassConfig)registration.Config!;
        Assert.AreEqual("binary_sensor.hallway_motion", config.Motion.ToString());
        Assert.AreEqual("light.hallway", config.Light.ToString());
        Assert.IsEmpty(Validate(config));
    }

    [TestMethod]
    public void Rejects_a_brightness_out_of_range()
    {
        var config = new DomovoyAppClassConfig { Motion = new("binary_sensor.hallway_motion"), Light = new("light.hallway"), BrightnessPercent = 150 };

        var errors = Validate(config);

        Assert.HasCount(1, errors);
        Assert.Contains(nameof(DomovoyAppClassConfig.BrightnessPercent), errors[0].MemberNames);
    }

    /// <summary>Validates like the host does before starting an app.</summary>
    private static List<ValidationResult> Validate(object config)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(config, new ValidationContext(config), results, validateAllProperties: true);
        return results;
    }

    /// <summary>An in-process fake of the host's registry: records what the registrar registers.</summary>
    private sealed class RecordingRegistry : IAppRegistry
    {
        public List<(string Name, Type AppType, AppConfigBase? Config)> Registrations { get; } = [];

        public void Register<TApp, TConfig>(string appName, TConfig config)
            where TApp : AppBase<TConfig>, new()
            where TConfig : AppConfigBase
            => Registrations.Add((appName, typeof(TApp), config));

        public void Register<TApp>(string appName)
            where TApp : AppBase, new()
            => Registrations.Add((appName, typeof(TApp), null));

        public void RegisterMany<TApp, TConfig>(IReadOnlyDictionary<string, TConfig> configs)
            where TApp : AppBase<TConfig>, new()
            where TConfig : AppConfigBase
        {
            foreach (var (name, config) in configs)
            {
                Register<TApp, TConfig>(name, config);
            }
        }
    }
}
