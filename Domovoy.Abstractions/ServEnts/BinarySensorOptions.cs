namespace Domovoy.Abstractions;

/// <summary>Options of a ServEnts binary sensor.</summary>
public sealed record BinarySensorOptions : ServEntOptions
{
    /// <summary>The state before the first update (ignored when a state is restored).</summary>
    public bool? DefaultState { get; init; }

    /// <summary>Home Assistant's device class, e.g. <c>door</c> or <c>motion</c>.</summary>
    public string? DeviceClass { get; init; }
}
