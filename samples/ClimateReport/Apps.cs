using Domovoy.Abstractions;

namespace Domovoy.Samples.ClimateReport;

/// <summary>Registers this plugin's apps.</summary>
public sealed class Apps : IAppRegistrar
{
    /// <inheritdoc />
    public void Register(IAppRegistry apps) => apps.Register<ClimateReportApp, ClimateReportConfig>("climate_report", new()
    {
        Indoor = Entities.Sensor.LivingRoomTemperature,
        Outdoor = Entities.Sensor.OutdoorTemperature,
        Every = TimeSpan.FromSeconds(45),
    });
}
