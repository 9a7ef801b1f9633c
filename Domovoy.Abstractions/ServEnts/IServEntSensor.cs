namespace Domovoy.Abstractions;

/// <summary>A sensor created through ServEnts.</summary>
public interface IServEntSensor : IServEntEntity
{
    /// <summary>
    /// Sets the state (<c>servents.update_state</c>); attributes pushed earlier are replaced by <paramref name="attributes"/>.
    /// A <see cref="DateTimeOffset"/> or <see cref="DateTime"/> is sent as epoch seconds (for timestamp sensors); a
    /// <see cref="DateTime"/> without a kind is a wall time in the configured zone.
    /// </summary>
    /// <param name="state">The state: a number, text, a time, or null for unknown.</param>
    /// <param name="attributes">Extra attributes, or null for none.</param>
    /// <param name="cancellationToken">Cancels waiting for the result.</param>
    /// <returns>A task that completes when Home Assistant accepted the update.</returns>
    Task SetToAsync(object? state, IReadOnlyDictionary<string, object?>? attributes = null, CancellationToken cancellationToken = default);

    /// <summary>The state text; null when unknown, unavailable or not created yet.</summary>
    /// <returns>The state.</returns>
    string? GetState();

    /// <summary>The state as a number (invariant culture); null when it is not one.</summary>
    /// <returns>The number.</returns>
    double? GetNumericState();

    /// <summary>A typed id for listeners (<see cref="ICallbacksPlugin.ListenState{TState}"/>).</summary>
    /// <returns>The entity.</returns>
    /// <exception cref="ServEntException">The entity does not exist yet.</exception>
    TextSensorEntity GetEntity();
}
