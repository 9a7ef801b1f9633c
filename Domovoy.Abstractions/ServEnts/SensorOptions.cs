namespace Domovoy.Abstractions;

/// <summary>Options of a ServEnts sensor.</summary>
public sealed record SensorOptions : ServEntOptions
{
    /// <summary>The state before the first <c>SetToAsync</c> (ignored when a state is restored).</summary>
    public object? DefaultState { get; init; }

    /// <summary>Home Assistant's device class, e.g. <c>temperature</c>; forced to <c>enum</c> when <see cref="Options"/> is set.</summary>
    public string? DeviceClass { get; init; }

    /// <summary>The unit, e.g. <c>°C</c>.</summary>
    public string? UnitOfMeasurement { get; init; }

    /// <summary>The state class, e.g. <c>measurement</c> or <c>total_increasing</c>.</summary>
    public string? StateClass { get; init; }

    /// <summary>The possible states of an enum sensor.</summary>
    public IReadOnlyList<string>? Options { get; init; }
}
