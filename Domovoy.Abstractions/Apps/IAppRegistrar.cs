namespace Domovoy.Abstractions;

/// <summary>
/// The entry point of a plugin assembly: the C# counterpart of Domovoy's <c>*_apps.py</c> files. The host finds every
/// public non-abstract class implementing it (with a public parameterless constructor) and calls <see cref="Register"/>
/// each time the plugin is loaded.
/// </summary>
/// <example>
/// <code>
/// public sealed class Apps : IAppRegistrar
/// {
///     public void Register(IAppRegistry apps)
///     {
///         apps.Register&lt;MotionLights, MotionLightsConfig&gt;("hallway_lights", new() { Motion = new("binary_sensor.hallway_motion"), Light = new("light.hallway") });
///         apps.Register&lt;Heartbeat&gt;("heartbeat");
///     }
/// }
/// </code>
/// </example>
public interface IAppRegistrar
{
    /// <summary>Registers this plugin's app instances.</summary>
    /// <param name="apps">Where to register them.</param>
    void Register(IAppRegistry apps);
}
