namespace Domovoy.Abstractions;

/// <summary>A number created through ServEnts; users can change it in Home Assistant's UI.</summary>
public interface IServEntNumber : IServEntEntity
{
    /// <summary>Sets the value (null for unknown); attributes pushed earlier are replaced.</summary>
    /// <param name="state">The value.</param>
    /// <param name="attributes">Extra attributes, or null for none.</param>
    /// <param name="cancellationToken">Cancels waiting for the result.</param>
    /// <returns>A task that completes when Home Assistant accepted the update.</returns>
    Task SetToAsync(double? state, IReadOnlyDictionary<string, object?>? attributes = null, CancellationToken cancellationToken = default);

    /// <summary>The value; null when unknown, unavailable or not created yet.</summary>
    /// <returns>The value.</returns>
    double? GetState();

    /// <summary>A typed id for listeners.</summary>
    /// <returns>The entity.</returns>
    /// <exception cref="ServEntException">The entity does not exist yet.</exception>
    NumberEntity GetEntity();
}
