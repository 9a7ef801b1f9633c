namespace Domovoy.Abstractions;

/// <summary>
/// Options of a ServEnts threshold binary sensor (Home Assistant's threshold sensor on a numeric source entity). At least
/// one of <see cref="Lower"/> and <see cref="Upper"/> is required: with only <see cref="Lower"/> it is on below it, with
/// only <see cref="Upper"/> on above it, with both on inside the range.
/// </summary>
public sealed record ThresholdOptions : ServEntOptions
{
    /// <summary>The lower bound.</summary>
    public double? Lower { get; init; }

    /// <summary>The upper bound.</summary>
    public double? Upper { get; init; }

    /// <summary>The hysteresis (default 0).</summary>
    public double Hysteresis { get; init; }

    /// <summary>Home Assistant's device class.</summary>
    public string? DeviceClass { get; init; }
}
