namespace Domovoy.Abstractions;

/// <summary>
/// A condition on a (parsed) state value, for <see cref="StateListenOptions{TState}.New"/> and
/// <see cref="StateListenOptions{TState}.Old"/>. Converts implicitly from a value (equality) and from a
/// <see cref="Func{T, TResult}"/> predicate; lambdas need <see cref="Where"/> (or a typed delegate), e.g.
/// <c>New = StateFilter&lt;double?&gt;.Where(t =&gt; t &gt; 25)</c>.
/// </summary>
/// <typeparam name="T">The state type of the entity (for attribute listeners, <see cref="System.Text.Json.JsonElement"/>?).</typeparam>
public sealed class StateFilter<T>
{
    private readonly Func<T, bool> _predicate;
    private readonly string _description;

    private StateFilter(Func<T, bool> predicate, string description)
    {
        _predicate = predicate;
        _description = description;
    }

    /// <summary>Matches values equal to <paramref name="value"/> (JSON values compare structurally).</summary>
    /// <param name="value">The value; use <c>Is(default)</c> to match unknown/unavailable.</param>
    /// <returns>The filter.</returns>
    public static StateFilter<T> Is(T value)
    {
        var comparer = JsonAwareComparer<T>.Instance;
        return new StateFilter<T>(v => comparer.Equals(v, value), $"== {value}");
    }

    /// <summary>Matches any of <paramref name="values"/>.</summary>
    /// <param name="values">The accepted values.</param>
    /// <returns>The filter.</returns>
    public static StateFilter<T> AnyOf(params IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var accepted = values.ToArray();
        var comparer = JsonAwareComparer<T>.Instance;
        return new StateFilter<T>(v => accepted.Contains(v, comparer), $"in [{string.Join(", ", accepted)}]");
    }

    /// <summary>Matches values other than <paramref name="value"/>.</summary>
    /// <param name="value">The excluded value.</param>
    /// <returns>The filter.</returns>
    public static StateFilter<T> Not(T value)
    {
        var comparer = JsonAwareComparer<T>.Instance;
        return new StateFilter<T>(v => !comparer.Equals(v, value), $"!= {value}");
    }

    /// <summary>Matches values for which <paramref name="predicate"/> returns true.</summary>
    /// <param name="predicate">The condition; it runs on Home Assistant's dispatch thread, so keep it short.</param>
    /// <returns>The filter.</returns>
    public static StateFilter<T> Where(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new StateFilter<T>(predicate, "matches predicate");
    }

    /// <summary>Whether <paramref name="value"/> passes the filter.</summary>
    /// <param name="value">The parsed value.</param>
    /// <returns>True if it matches.</returns>
    public bool Matches(T value) => _predicate(value);

    /// <summary>An equality filter.</summary>
    /// <param name="value">The value to match.</param>
    public static implicit operator StateFilter<T>(T value) => Is(value);

    /// <summary>A predicate filter.</summary>
    /// <param name="predicate">The condition.</param>
    public static implicit operator StateFilter<T>(Func<T, bool> predicate) => Where(predicate);

    /// <inheritdoc />
    public override string ToString() => _description;
}
