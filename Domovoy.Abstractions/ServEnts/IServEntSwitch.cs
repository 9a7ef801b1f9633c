namespace Domovoy.Abstractions;

/// <summary>
/// A switch created through ServEnts. Users can flip it in Home Assistant's UI; listen with
/// <see cref="ICallbacksPlugin.ListenState{TState}"/> on <see cref="GetEntity"/>.
/// </summary>
public interface IServEntSwitch : IServEntOnOff
{
    /// <summary>True when the switch is on.</summary>
    bool IsOn { get; }

    /// <summary>A typed id for listeners.</summary>
    /// <returns>The entity.</returns>
    /// <exception cref="ServEntException">The entity does not exist yet.</exception>
    SwitchEntity GetEntity();
}
