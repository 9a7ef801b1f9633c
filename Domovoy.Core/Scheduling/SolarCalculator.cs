using Domovoy.Abstractions;

namespace Domovoy.Core.Scheduling;

/// <summary>
/// Sun times after NOAA's solar calculator (Meeus, <i>Astronomical Algorithms</i>; accurate to about a minute between
/// ±72° latitude). Sunrise and sunset use a zenith of 90.833° (refraction plus the sun's radius), dawn and dusk civil
/// twilight (96°); an observer's elevation lowers the horizon by 2.076′·√metres.
/// </summary>
internal static class SolarCalculator
{
    private const double SunriseZenith = 90.833;
    private const double CivilZenith = 96.0;
    private const int Iterations = 3;

    /// <summary>
    /// The event of the solar day centred on <paramref name="utcDate"/> (its solar noon is near 12:00 UTC minus
    /// longitude/15 hours), or null when it does not happen that day (polar day or night).
    /// </summary>
    public static DateTimeOffset? EventUtc(SunEvent sunEvent, DateOnly utcDate, GeoLocation location)
    {
        var jd0 = JulianDay(utcDate);
        var noon = SolarNoonMinutes(jd0, location.Longitude);
        if (sunEvent == SunEvent.Noon)
        {
            return FromMinutes(utcDate, noon);
        }

        var zenith = (sunEvent is SunEvent.Dawn or SunEvent.Dusk ? CivilZenith : SunriseZenith) + HorizonDip(location.Elevation);
        var rising = sunEvent is SunEvent.Dawn or SunEvent.Sunrise;
        var minutes = noon;
        for (var i = 0; i < Iterations; i++)
        {
            var t = JulianCentury(jd0 + (minutes / 1440.0));
            var (declination, equationOfTime) = SunPosition(t);
            var hourAngle = HourAngle(zenith, location.Latitude, declination);
            if (double.IsNaN(hourAngle))
            {
                return null;
            }

            var noonAt = 720 - (4 * location.Longitude) - equationOfTime;
            minutes = rising ? noonAt - (4 * hourAngle) : noonAt + (4 * hourAngle);
        }

        return FromMinutes(utcDate, minutes);
    }

    /// <summary>The sun's geometric elevation above the horizon, in degrees, at <paramref name="instant"/>.</summary>
    public static double ElevationDegrees(DateTimeOffset instant, GeoLocation location)
    {
        var utc = instant.UtcDateTime;
        var minutes = utc.TimeOfDay.TotalMinutes;
        var t = JulianCentury(JulianDay(DateOnly.FromDateTime(utc)) + (minutes / 1440.0));
        var (declination, equationOfTime) = SunPosition(t);
        var trueSolarMinutes = minutes + equationOfTime + (4 * location.Longitude);
        var hourAngle = Radians((trueSolarMinutes / 4) - 180);
        var lat = Radians(location.Latitude);
        var decl = Radians(declination);
        var cosZenith = (Math.Sin(lat) * Math.Sin(decl)) + (Math.Cos(lat) * Math.Cos(decl) * Math.Cos(hourAngle));
        return 90 - Degrees(Math.Acos(Math.Clamp(cosZenith, -1, 1)));
    }

    /// <summary>True while the sun is at most 6° (civil twilight) below the horizon.</summary>
    public static bool IsBetweenDawnAndDusk(DateTimeOffset instant, GeoLocation location)
        => ElevationDegrees(instant, location) >= 90 - (CivilZenith + HorizonDip(location.Elevation));

    private static double SolarNoonMinutes(double jd0, double longitude)
    {
        var minutes = 720 - (4 * longitude);
        for (var i = 0; i < Iterations; i++)
        {
            var (_, equationOfTime) = SunPosition(JulianCentury(jd0 + (minutes / 1440.0)));
            minutes = 720 - (4 * longitude) - equationOfTime;
        }

        return minutes;
    }

    private static double HorizonDip(double elevation) => elevation > 0 ? 2.076 * Math.Sqrt(elevation) / 60 : 0;

    /// <summary>Declination (degrees) and equation of time (minutes) at Julian century <paramref name="t"/>.</summary>
    private static (double Declination, double EquationOfTime) SunPosition(double t)
    {
        var meanLongitude = Normalize(280.46646 + (t * (36000.76983 + (t * 0.0003032))));
        var meanAnomaly = 357.52911 + (t * (35999.05029 - (0.0001537 * t)));
        var eccentricity = 0.016708634 - (t * (0.000042037 + (0.0000001267 * t)));
        var m = Radians(meanAnomaly);
        var center = (Math.Sin(m) * (1.914602 - (t * (0.004817 + (0.000014 * t)))))
            + (Math.Sin(2 * m) * (0.019993 - (0.000101 * t)))
            + (Math.Sin(3 * m) * 0.000289);
        var trueLongitude = meanLongitude + center;
        var omega = Radians(125.04 - (1934.136 * t));
        var apparentLongitude = trueLongitude - 0.00569 - (0.00478 * Math.Sin(omega));
        var meanObliquity = 23 + ((26 + ((21.448 - (t * (46.815 + (t * (0.00059 - (t * 0.001813)))))) / 60)) / 60);
        var obliquity = meanObliquity + (0.00256 * Math.Cos(omega));
        var declination = Degrees(Math.Asin(Math.Sin(Radians(obliquity)) * Math.Sin(Radians(apparentLongitude))));

        var y = Math.Tan(Radians(obliquity) / 2);
        y *= y;
        var l0 = Radians(meanLongitude);
        var equationOfTime = 4 * Degrees(
            (y * Math.Sin(2 * l0))
            - (2 * eccentricity * Math.Sin(m))
            + (4 * eccentricity * y * Math.Sin(m) * Math.Cos(2 * l0))
            - (0.5 * y * y * Math.Sin(4 * l0))
            - (1.25 * eccentricity * eccentricity * Math.Sin(2 * m)));
        return (declination, equationOfTime);
    }

    /// <summary>The hour angle (degrees) at which the sun reaches <paramref name="zenith"/>; NaN if it never does that day.</summary>
    private static double HourAngle(double zenith, double latitude, double declination)
    {
        var lat = Radians(latitude);
        var decl = Radians(declination);
        var cosH = (Math.Cos(Radians(zenith)) / (Math.Cos(lat) * Math.Cos(decl))) - (Math.Tan(lat) * Math.Tan(decl));
        return cosH is < -1 or > 1 ? double.NaN : Degrees(Math.Acos(cosH));
    }

    private static double JulianDay(DateOnly date) => date.DayNumber + 1721425.5;

    private static double JulianCentury(double julianDay) => (julianDay - 2451545.0) / 36525.0;

    private static DateTimeOffset FromMinutes(DateOnly utcDate, double minutes)
        => new DateTimeOffset(utcDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks((long)Math.Round(minutes * TimeSpan.TicksPerMinute));

    private static double Normalize(double degrees)
    {
        var result = degrees % 360;
        return result < 0 ? result + 360 : result;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private static double Degrees(double radians) => radians * 180 / Math.PI;
}
