using System.ComponentModel.DataAnnotations;
using Domovoy.Abstractions;
using Domovoy.Samples.Helpers;
using Microsoft.Extensions.Logging;

namespace Domovoy.Samples.ClimateReport;

/// <summary>Config of <see cref="ClimateReportApp"/>.</summary>
public sealed class ClimateReportConfig : AppConfigBase
{
    /// <summary>The indoor temperature sensor.</summary>
    [Required]
    public required SensorEntity<double> Indoor { get; init; }

    /// <summary>The outdoor temperature sensor.</summary>
    [Required]
    public required SensorEntity<double> Outdoor { get; init; }

    /// <summary>How often to report.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan Every { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>Reports indoor and outdoor temperature periodically and whenever the indoor one changes.</summary>
public sealed class ClimateReportApp : AppBase<ClimateReportConfig>
{
    private DateTimeOffset _started;

    /// <inheritdoc />
    public override Task InitializeAsync(CancellationToken cancellationToken)
    {
        _started = Time.Now;
        Callbacks.RunEvery(Config.Every, Report);
        Callbacks.ListenState(Config.Indoor, (change, _) =>
        {
            Log.LogInformation("Indoor temperature changed: {Old} → {New} °C", change.Old, change.New);
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    private void Report()
    {
        var indoor = Hass.GetState(Config.Indoor);
        var outdoor = Hass.GetState(Config.Outdoor);
        Log.LogInformation("Indoor {Indoor} °C, outdoor {Outdoor} °C (reporting for {Uptime})", indoor, outdoor, Durations.Describe(Time.Now - _started));
    }
}
