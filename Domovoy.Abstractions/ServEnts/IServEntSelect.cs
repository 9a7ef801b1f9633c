namespace Domovoy.Abstractions;

/// <summary>A select created through ServEnts; users can change it in Home Assistant's UI.</summary>
public interface IServEntSelect : IServEntEntity
{
    /// <summary>The options it was created with.</summary>
    IReadOnlyList<string> Options { get; }

    /// <summary>Selects an option (null for unknown); attributes pushed earlier are replaced.</summary>
    /// <param name="state">The option.</param>
    /// <param name="attributes">Extra attributes, or null for none.</param>
    /// <param name="cancellationToken">Cancels waiting for the result.</param>
    /// <returns>A task that completes when Home Assistant accepted the update.</returns>
    Task SetToAsync(string? state, IReadOnlyDictionary<string, object?>? attributes = null, CancellationToken cancellationToken = default);

    /// <summary>The selected option; null when unknown, unavailable or not created yet.</summary>
    /// <returns>The option.</returns>
    string? GetState();

    /// <summary>A typed id for listeners.</summary>
    /// <returns>The entity.</returns>
    /// <exception cref="ServEntException">The entity does not exist yet.</exception>
    SelectEntity GetEntity();
}
