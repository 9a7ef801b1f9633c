namespace Domovoy.Core.Scheduling;

/// <summary>A location that never changes (tests, or coordinates given in code).</summary>
internal sealed class FixedLocationProvider : ILocationProvider
{
    private readonly GeoLocation? _location;

    public FixedLocationProvider(GeoLocation? location) => _location = location?.Validate();

    public GeoLocation? GetLocation() => _location;
}
