using System.Text.Json;

namespace Domovoy.Abstractions;

/// <summary>The full state of one entity, as Home Assistant reports it.</summary>
/// <param name="EntityId">The entity id, e.g. <c>light.kitchen</c>.</param>
/// <param name="State">The raw state text, e.g. <c>on</c>, <c>21.5</c> or <c>unavailable</c>.</param>
/// <param name="Attributes">The attributes as JSON values.</param>
/// <param name="LastChanged">When the state text last changed.</param>
/// <param name="LastUpdated">When the state or attributes last changed.</param>
/// <param name="LastReported">When the state was last written, if Home Assistant reports it.</param>
/// <param name="Context">The context of the last write.</param>
public sealed record EntityState(
    string EntityId,
    string State,
    IReadOnlyDictionary<string, JsonElement> Attributes,
    DateTimeOffset LastChanged,
    DateTimeOffset LastUpdated,
    DateTimeOffset? LastReported,
    HassContext? Context)
{
    /// <summary>True when the state is <c>unavailable</c> or <c>unknown</c>.</summary>
    public bool IsUnavailableOrUnknown => State is "unavailable" or "unknown";

    /// <summary>Reads an attribute as <typeparamref name="T"/>; null when it is missing or cannot be converted.</summary>
    /// <typeparam name="T">The expected type, e.g. <see cref="double"/> or <see cref="string"/>.</typeparam>
    /// <param name="name">The attribute name.</param>
    /// <returns>The value, or null.</returns>
    public T? GetAttribute<T>(string name)
    {
        if (!Attributes.TryGetValue(name, out var element) || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return default;
        }

        try
        {
            return element.Deserialize<T>();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>How long the entity has been in its current state, measured at <paramref name="now"/>.</summary>
    /// <param name="now">The current time (use <see cref="ITimePlugin.Now"/>).</param>
    /// <returns>The time since <see cref="LastChanged"/>.</returns>
    public TimeSpan TimeInCurrentState(DateTimeOffset now) => now - LastChanged;
}
