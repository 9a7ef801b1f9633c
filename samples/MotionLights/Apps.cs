using Domovoy.Abstractions;

namespace Domovoy.Samples.MotionLights;

/// <summary>
/// Registers two instances of the same app class with different configs. <c>Entities</c> is generated at build time from
/// samples/hass.snapshot.json (see the README, "Typed entities and services"): a misspelt entity does not compile.
/// </summary>
public sealed class Apps : IAppRegistrar
{
    /// <inheritdoc />
    public void Register(IAppRegistry apps) => apps.RegisterMany<MotionLightsApp, MotionLightsConfig>(new Dictionary<string, MotionLightsConfig>
    {
        ["hallway_lights"] = new() { Motion = Entities.BinarySensor.HallwayMotion, Light = Entities.Light.Hallway, OffDelay = TimeSpan.FromSeconds(30) },
        ["kitchen_lights"] = new() { Motion = Entities.BinarySensor.KitchenMotion, Light = Entities.Light.Kitchen, OffDelay = TimeSpan.FromMinutes(1), BrightnessPercent = 100 },
    });
}
