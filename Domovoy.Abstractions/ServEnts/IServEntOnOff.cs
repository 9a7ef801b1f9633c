namespace Domovoy.Abstractions;

/// <summary>A ServEnts entity with an on/off state the app sets (binary sensor, switch).</summary>
public interface IServEntOnOff : IServEntEntity
{
    /// <summary>Sets the state (true on, false off, null unknown); attributes pushed earlier are replaced.</summary>
    /// <param name="state">The state.</param>
    /// <param name="attributes">Extra attributes, or null for none.</param>
    /// <param name="cancellationToken">Cancels waiting for the result.</param>
    /// <returns>A task that completes when Home Assistant accepted the update.</returns>
    Task SetToAsync(bool? state, IReadOnlyDictionary<string, object?>? attributes = null, CancellationToken cancellationToken = default);

    /// <summary>Turns it on, replacing pushed attributes.</summary>
    /// <param name="attributes">Extra attributes, or null for none.</param>
    /// <param name="cancellationToken">Cancels waiting for the result.</param>
    /// <returns>A task that completes when Home Assistant accepted the update.</returns>
    Task SetOnAsync(IReadOnlyDictionary<string, object?>? attributes = null, CancellationToken cancellationToken = default);

    /// <summary>Turns it off, replacing pushed attributes.</summary>
    /// <param name="attributes">Extra attributes, or null for none.</param>
    /// <param name="cancellationToken">Cancels waiting for the result.</param>
    /// <returns>A task that completes when Home Assistant accepted the update.</returns>
    Task SetOffAsync(IReadOnlyDictionary<string, object?>? attributes = null, CancellationToken cancellationToken = default);

    /// <summary>True when on, false when off, null when unknown, unavailable or not created yet.</summary>
    /// <returns>The state.</returns>
    bool? GetState();
}
