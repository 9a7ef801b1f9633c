using Domovoy.Abstractions;

namespace Domovoy.Samples.ClimateReport;

/// <summary>Registers this plugin's apps.</summary>
public sealed class Apps : IAppRegistrar
{
    /// <inheritdoc />
    public void Register(IAppRegistry apps) => apps.Register<ClimateReportApp, ClimateReportConfig>("climate_report", new()
    {
        Indoor = new("sensor.living_room_temperature"),
        Outdoor = new("sensor.outdoor_temperature"),
        Every = TimeSpan.FromSeconds(45),
    });
}
