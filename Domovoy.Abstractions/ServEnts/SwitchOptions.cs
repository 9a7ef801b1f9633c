namespace Domovoy.Abstractions;

/// <summary>Options of a ServEnts switch.</summary>
public sealed record SwitchOptions : ServEntOptions
{
    /// <summary>The state before the first update (ignored when a state is restored).</summary>
    public bool? DefaultState { get; init; }

    /// <summary><c>switch</c> (default) or <c>outlet</c>.</summary>
    public string? DeviceClass { get; init; } = "switch";
}
