using Domovoy.Abstractions;

namespace Domovoy.Samples.MotionLights;

/// <summary>Registers two instances of the same app class with different configs.</summary>
public sealed class Apps : IAppRegistrar
{
    /// <inheritdoc />
    public void Register(IAppRegistry apps) => apps.RegisterMany<MotionLightsApp, MotionLightsConfig>(new Dictionary<string, MotionLightsConfig>
    {
        ["hallway_lights"] = new() { Motion = new("binary_sensor.hallway_motion"), Light = new("light.hallway"), OffDelay = TimeSpan.FromSeconds(30) },
        ["kitchen_lights"] = new() { Motion = new("binary_sensor.kitchen_motion"), Light = new("light.kitchen"), OffDelay = TimeSpan.FromMinutes(1), BrightnessPercent = 100 },
    });
}
