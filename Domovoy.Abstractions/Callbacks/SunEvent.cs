namespace Domovoy.Abstractions;

/// <summary>A daily event of the sun at the configured location.</summary>
public enum SunEvent
{
    /// <summary>Civil dawn: the sun's centre is 6° below the horizon, rising.</summary>
    Dawn,

    /// <summary>Sunrise: the upper edge of the sun appears (centre 0.833° below the horizon, with refraction).</summary>
    Sunrise,

    /// <summary>Solar noon: the sun crosses the local meridian (its highest point of the day).</summary>
    Noon,

    /// <summary>Sunset: the upper edge of the sun disappears.</summary>
    Sunset,

    /// <summary>Civil dusk: the sun's centre is 6° below the horizon, setting.</summary>
    Dusk,
}
