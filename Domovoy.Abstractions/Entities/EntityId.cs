namespace Domovoy.Abstractions;

/// <summary>
/// A Home Assistant entity id (<c>domain.object_id</c>). Use the typed subclasses (<see cref="LightEntity"/>,
/// <see cref="SensorEntity{T}"/>, …): there is deliberately no conversion from <see cref="string"/>, so passing a plain
/// string where an entity is expected does not compile.
/// </summary>
public abstract class EntityId : IEquatable<EntityId>
{
    /// <summary>Creates an entity id and checks its form (and domain, when the subclass fixes one).</summary>
    /// <param name="value">The entity id, e.g. <c>light.kitchen</c>.</param>
    /// <param name="expectedDomain">The domain the subclass requires, or null for any.</param>
    /// <exception cref="ArgumentException">The id is malformed or of another domain.</exception>
    protected EntityId(string value, string? expectedDomain)
    {
        ArgumentNullException.ThrowIfNull(value);
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == value.Length - 1 || value.IndexOf('.', dot + 1) >= 0 || value.Contains(' ', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{value}' is not an entity id; expected the form 'domain.object_id', e.g. 'light.kitchen'.", nameof(value));
        }

        Domain = value[..dot];
        ObjectId = value[(dot + 1)..];
        if (expectedDomain is not null && !string.Equals(Domain, expectedDomain, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{value}' is not a {expectedDomain} entity; its id must start with '{expectedDomain}.'.", nameof(value));
        }

        Value = value;
    }

    /// <summary>The full id, e.g. <c>light.kitchen</c>.</summary>
    public string Value { get; }

    /// <summary>The domain, e.g. <c>light</c>.</summary>
    public string Domain { get; }

    /// <summary>The part after the dot, e.g. <c>kitchen</c>.</summary>
    public string ObjectId { get; }

    /// <inheritdoc />
    public bool Equals(EntityId? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EntityId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
