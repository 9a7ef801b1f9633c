namespace Domovoy.Abstractions;

/// <summary>An entity id whose state parses to <typeparamref name="TState"/>.</summary>
/// <typeparam name="TState">The parsed state type; nullable, since <c>unknown</c> and <c>unavailable</c> parse to null.</typeparam>
public abstract class EntityId<TState> : EntityId
{
    /// <summary>Creates the id.</summary>
    /// <param name="value">The entity id.</param>
    /// <param name="expectedDomain">The required domain, or null for any.</param>
    protected EntityId(string value, string? expectedDomain)
        : base(value, expectedDomain)
    {
    }

    /// <summary>Parses a state of this entity. <c>unknown</c>, <c>unavailable</c> and unparsable text give null/default.</summary>
    /// <param name="state">The full state, or null when the entity does not exist.</param>
    /// <returns>The parsed state.</returns>
    public TState ParseState(EntityState? state)
        => state is null || state.IsUnavailableOrUnknown ? default! : Parse(state);

    /// <summary>Parses a state that is neither <c>unknown</c> nor <c>unavailable</c>.</summary>
    /// <param name="state">The full state.</param>
    /// <returns>The parsed state.</returns>
    protected abstract TState Parse(EntityState state);
}
