namespace Domovoy.Abstractions;

/// <summary>
/// An entity created through ServEnts. It is found in Home Assistant by its <c>servent_id</c> attribute, so the handle
/// keeps working across app reloads and Home Assistant restarts.
/// </summary>
public interface IServEntEntity
{
    /// <summary>The id the app passed, e.g. <c>temperature</c>.</summary>
    string Id { get; }

    /// <summary>The id sent to Home Assistant: <c>{app}-{id}</c>, or <c>global-{device app}-{id}</c> for a global device.</summary>
    string ServEntId { get; }

    /// <summary>The ServEnts entity type: <c>sensor</c>, <c>binary_sensor</c>, <c>threshold</c>, <c>switch</c>, <c>number</c>, <c>select</c> or <c>button</c>.</summary>
    string EntityType { get; }

    /// <summary>The device the entity belongs to.</summary>
    ServEntDevice Device { get; }

    /// <summary>The Home Assistant entity id, e.g. <c>sensor.my_app_temperature</c>.</summary>
    /// <returns>The entity id.</returns>
    /// <exception cref="ServEntException">The entity does not exist in Home Assistant (yet); the message names the servent id.</exception>
    string GetEntityId();

    /// <summary>The Home Assistant entity id, or null while the entity does not exist.</summary>
    /// <returns>The entity id or null.</returns>
    string? TryGetEntityId();

    /// <summary>The entity's full state from the state cache.</summary>
    /// <returns>The state.</returns>
    /// <exception cref="ServEntException">The entity does not exist in Home Assistant (yet).</exception>
    EntityState GetFullState();

    /// <summary>The raw state text; <c>unknown</c> while the entity does not exist.</summary>
    /// <returns>The state text.</returns>
    string GetRawState();

    /// <summary>
    /// Replaces the attributes pushed earlier with <paramref name="attributes"/>, keeping the state
    /// (<c>servents.update_state</c> without a state). Needs ServEnts from July 2026 on; older versions always replace
    /// the state too.
    /// </summary>
    /// <param name="attributes">The new attributes (fixed attributes and <c>servent_id</c> still win).</param>
    /// <param name="cancellationToken">Cancels waiting for the result.</param>
    /// <returns>A task that completes when Home Assistant accepted the update.</returns>
    Task SetAttributesAsync(IReadOnlyDictionary<string, object?> attributes, CancellationToken cancellationToken = default);
}
