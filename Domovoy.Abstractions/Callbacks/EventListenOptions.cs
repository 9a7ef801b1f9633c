namespace Domovoy.Abstractions;

/// <summary>Options of event listeners.</summary>
public sealed record EventListenOptions
{
    /// <summary>Cancel the listener after its first call.</summary>
    public bool OneShot { get; init; }
}
