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
            Motion = new("binary_sensor.hallway_motion"),
            Light = new("light.hallway"),
            BrightnessPercent = 80,
        });

        // More instances of the same app with other entities:
        // apps.Register<DomovoyAppClassApp, DomovoyAppClassConfig>("porch_lights", new() { Motion = new("binary_sensor.porch_motion"), Light = new("light.porch") });
    }
}
