namespace Domovoy.Abstractions;

/// <summary>A binary sensor created through ServEnts.</summary>
public interface IServEntBinarySensor : IServEntOnOff
{
    /// <summary>A typed id for listeners.</summary>
    /// <returns>The entity.</returns>
    /// <exception cref="ServEntException">The entity does not exist yet.</exception>
    BinarySensorEntity GetEntity();
}
