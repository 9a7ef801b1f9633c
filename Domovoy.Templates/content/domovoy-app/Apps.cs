using Domovoy.Abstractions;

namespace DomovoyApp1;

/// <summary>
/// Tells the host which apps this plugin runs. The host finds every public <see cref="IAppRegistrar"/> in the plugin
/// assembly. App names must be unique across all plugins the host loads.
/// </summary>
public sealed class Apps : IAppRegistrar
{
    /// <summary>The name of the app instance registered below; it appears in every log line of the app.</summary>
    public const string AppName = "domovoy_app1";

    /// <inheritdoc />
    public void Register(IAppRegistry apps)
    {
        apps.Register<DomovoyAppClassApp, DomovoyAppClassConfig>(AppName, new()
        {
            // Entities is generated at build time from hass.snapshot.json (your Home Assistant's entities; regenerate it
            // with `domovoy codegen` and rebuild): a misspelt or removed entity does not compile.
            Motion = Entities.BinarySensor.HallwayMotion,
            Light = Entities.Light.Hallway,
            BrightnessPercent = 80,
        });

        // More instances of the same app with other entities:
        // apps.Register<DomovoyAppClassApp, DomovoyAppClassConfig>("kitchen_lights", new() { Motion = Entities.BinarySensor.KitchenMotion, Light = Entities.Light.Kitchen });
    }
}
