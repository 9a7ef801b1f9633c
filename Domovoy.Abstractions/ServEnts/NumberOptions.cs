namespace Domovoy.Abstractions;

/// <summary>Options of a ServEnts number.</summary>
public sealed record NumberOptions : ServEntOptions
{
    /// <summary>How the UI shows it (default <see cref="ServEntNumberMode.Auto"/>).</summary>
    public ServEntNumberMode Mode { get; init; } = ServEntNumberMode.Auto;

    /// <summary>The value before the first update (ignored when a value is restored).</summary>
    public double? DefaultState { get; init; }

    /// <summary>Home Assistant's device class.</summary>
    public string? DeviceClass { get; init; }

    /// <summary>The unit, e.g. <c>°F</c>.</summary>
    public string? UnitOfMeasurement { get; init; }

    /// <summary>The minimum (Home Assistant's default 0).</summary>
    public double? MinValue { get; init; }

    /// <summary>The maximum (Home Assistant's default 100).</summary>
    public double? MaxValue { get; init; }

    /// <summary>The step (Home Assistant's default 1).</summary>
    public double? Step { get; init; }
}
