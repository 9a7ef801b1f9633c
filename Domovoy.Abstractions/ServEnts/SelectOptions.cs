namespace Domovoy.Abstractions;

/// <summary>Options of a ServEnts select (its options are a required argument of the create call).</summary>
public sealed record SelectOptions : ServEntOptions
{
    /// <summary>The option before the first update (ignored when one is restored).</summary>
    public string? DefaultState { get; init; }
}
