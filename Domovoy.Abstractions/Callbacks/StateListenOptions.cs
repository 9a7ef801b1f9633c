namespace Domovoy.Abstractions;

/// <summary>Options shared by state and attribute listeners.</summary>
public record StateListenOptions
{
    /// <summary>
    /// Also evaluate the current state right away: the callback runs now (old state null) if the current state passes
    /// <see cref="StateListenOptions{TState}.New"/>; with <see cref="Duration"/>, the hold clock starts now instead.
    /// <see cref="StateListenOptions{TState}.Old"/> is not checked for this first evaluation.
    /// </summary>
    public bool Immediate { get; init; }

    /// <summary>Cancel the listener after its first call.</summary>
    public bool OneShot { get; init; }

    /// <summary>
    /// Call only once a matching change has held for this long (measured on the host clock); a further change of the
    /// state before then cancels the pending call. Null or zero calls at once.
    /// </summary>
    public TimeSpan? Duration { get; init; }
}

/// <summary>Options of a state listener, with filters on the parsed old and new state.</summary>
/// <typeparam name="TState">The entity's state type.</typeparam>
public sealed record StateListenOptions<TState> : StateListenOptions
{
    /// <summary>
    /// Only changes whose new (parsed) state matches, e.g. <c>New = true</c> for "turned on". Null (the default) is no
    /// filter; to match unknown/unavailable (which parse to null) use <c>StateFilter&lt;TState&gt;.Is(default)</c>.
    /// </summary>
    public StateFilter<TState>? New { get; init; }

    /// <summary>Only changes whose previous (parsed) state matches.</summary>
    public StateFilter<TState>? Old { get; init; }
}
