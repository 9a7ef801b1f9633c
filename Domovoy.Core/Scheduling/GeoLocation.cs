namespace Domovoy.Core.Scheduling;

/// <summary>A place on Earth, for sun calculations.</summary>
/// <param name="Latitude">Degrees, north positive (-90…90).</param>
/// <param name="Longitude">Degrees, east positive (-180…180).</param>
/// <param name="Elevation">Metres above sea level; a higher observer sees sunrise earlier and sunset later.</param>
internal sealed record GeoLocation(double Latitude, double Longitude, double Elevation = 0)
{
    /// <summary>Checks the ranges; throws <see cref="ArgumentOutOfRangeException"/> naming the bad value.</summary>
    public GeoLocation Validate()
    {
        if (double.IsNaN(Latitude) || Latitude is < -90 or > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(Latitude), Latitude, "Latitude must be between -90 and 90 degrees.");
        }

        if (double.IsNaN(Longitude) || Longitude is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(Longitude), Longitude, "Longitude must be between -180 and 180 degrees.");
        }

        if (double.IsNaN(Elevation) || Elevation < -500)
        {
            throw new ArgumentOutOfRangeException(nameof(Elevation), Elevation, "Elevation must be a height in metres above sea level.");
        }

        return this;
    }
}
