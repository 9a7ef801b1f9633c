namespace Domovoy.Abstractions;

/// <summary>Options of state and attribute listeners.</summary>
public sealed record StateListenOptions
{
    /// <summary>Also call the callback right away with the current state (old state null).</summary>
    public bool Immediate { get; init; }

    /// <summary>Cancel the listener after its first call.</summary>
    public bool OneShot { get; init; }
}
