namespace Domovoy.Core.Scheduling;

/// <summary>
/// The location from <see cref="DomovoyOptions.Latitude"/>/<see cref="DomovoyOptions.Longitude"/> (config.yml), falling
/// back to another provider (Home Assistant's <c>get_config</c>) when they are not set.
/// </summary>
internal sealed class OptionsLocationProvider : ILocationProvider
{
    private readonly DomovoyOptions _options;
    private readonly ILocationProvider? _fallback;

    public OptionsLocationProvider(DomovoyOptions options, ILocationProvider? fallback = null)
    {
        _options = options;
        _fallback = fallback;
    }

    public GeoLocation? GetLocation()
        => _options.Latitude is { } lat && _options.Longitude is { } lon
            ? new GeoLocation(lat, lon, _options.Elevation ?? _fallback?.GetLocation()?.Elevation ?? 0).Validate()
            : _fallback?.GetLocation();
}
