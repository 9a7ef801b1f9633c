namespace Domovoy.Abstractions;

/// <summary>A threshold binary sensor created through ServEnts; Home Assistant computes its state from the source entity.</summary>
public interface IServEntThresholdBinarySensor : IServEntEntity
{
    /// <summary>True when the source is past the threshold; null when unknown or not created yet.</summary>
    /// <returns>The state.</returns>
    bool? GetState();

    /// <summary>A typed id for listeners.</summary>
    /// <returns>The entity.</returns>
    /// <exception cref="ServEntException">The entity does not exist yet.</exception>
    BinarySensorEntity GetEntity();
}
