namespace Domovoy.Core.Scheduling;

/// <summary>
/// A location reported at run time, e.g. by the Home Assistant client from <c>get_config</c> (latitude, longitude,
/// elevation) after each (re)connect. Wrap it in <see cref="OptionsLocationProvider"/> so config.yml can override it.
/// </summary>
internal sealed class ReportedLocationProvider : ILocationProvider
{
    private GeoLocation? _location;

    public GeoLocation? GetLocation() => Volatile.Read(ref _location);

    /// <summary>Stores a new location; invalid coordinates throw and leave the previous one in place.</summary>
    public void Report(double latitude, double longitude, double elevation)
        => Volatile.Write(ref _location, new GeoLocation(latitude, longitude, elevation).Validate());
}
