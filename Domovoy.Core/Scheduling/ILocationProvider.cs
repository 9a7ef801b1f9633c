namespace Domovoy.Core.Scheduling;

/// <summary>
/// Where the home is, for sun events. Read at every calculation, so a location that arrives later (Home Assistant's
/// <c>get_config</c> after connecting) takes effect for the next run.
/// </summary>
internal interface ILocationProvider
{
    /// <summary>The location, or null while none is known.</summary>
    GeoLocation? GetLocation();
}
