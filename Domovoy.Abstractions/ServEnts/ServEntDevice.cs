namespace Domovoy.Abstractions;

/// <summary>
/// The Home Assistant device a ServEnts entity belongs to (the integration's <c>DeviceConfig</c>). By default every app has
/// its own device: <c>device_id = name = model =</c> the app name, manufacturer <c>"{namespace}/{class}"</c>, version
/// <c>Domovoy</c>.
/// </summary>
/// <param name="DeviceId">The device's id; the integration registers it with identifier <c>device-{DeviceId}</c>.</param>
/// <param name="Name">The device's name; entity ids are derived from it and the entity name.</param>
public sealed record ServEntDevice(string DeviceId, string Name)
{
    /// <summary>The manufacturer shown in Home Assistant (the integration's default is <c>ServEnts</c>).</summary>
    public string? Manufacturer { get; init; }

    /// <summary>The model shown in Home Assistant.</summary>
    public string? Model { get; init; }

    /// <summary>The version (also the software version unless <see cref="SwVersion"/> is set).</summary>
    public string? Version { get; init; }

    /// <summary>The area suggested for the device (newer integrations only).</summary>
    public string? SuggestedArea { get; init; }

    /// <summary>A configuration URL (newer integrations only).</summary>
    public string? ConfigurationUrl { get; init; }

    /// <summary>The software version (newer integrations only).</summary>
    public string? SwVersion { get; init; }

    /// <summary>The hardware version (newer integrations only).</summary>
    public string? HwVersion { get; init; }

    /// <summary>The serial number (newer integrations only).</summary>
    public string? SerialNumber { get; init; }

    /// <summary>The app that owns the device; set to the creating app when null. Required for a global device.</summary>
    public string? AppName { get; init; }

    /// <summary>
    /// A device shared by several apps: its entities get servent ids <c>global-{AppName}-{id}</c> instead of
    /// <c>{app}-{id}</c>, so any app naming the same <see cref="AppName"/> addresses the same entities.
    /// </summary>
    public bool IsGlobal { get; init; }
}
