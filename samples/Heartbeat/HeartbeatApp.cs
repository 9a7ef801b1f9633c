using System.ComponentModel.DataAnnotations;
using Domovoy.Abstractions;
using Microsoft.Extensions.Logging;

namespace Domovoy.Samples.Heartbeat;

/// <summary>Config of <see cref="HeartbeatApp"/>.</summary>
public sealed class HeartbeatConfig : AppConfigBase
{
    /// <summary>Seconds between beats.</summary>
    [Range(1, 3600)]
    public int IntervalSeconds { get; init; } = 30;

    /// <summary>What to log on each beat.</summary>
    [Required]
    public string Message { get; init; } = "still alive";
}

/// <summary>Logs a line every few seconds: the smallest useful app (timers, config, Meta).</summary>
public sealed class HeartbeatApp : AppBase<HeartbeatConfig>
{
    private int _beats;

    /// <inheritdoc />
    public override Task InitializeAsync(CancellationToken cancellationToken)
    {
        Callbacks.RunEvery(TimeSpan.FromSeconds(Config.IntervalSeconds), Beat);
        Log.LogInformation("{App} beats every {Interval} s", Meta.AppName, Config.IntervalSeconds);
        return Task.CompletedTask;
    }

    private void Beat()
    {
        _beats++;
        var stats = Meta.GetEngineStats();
        Log.LogInformation("Beat {Beats}: {Message} ({Running} apps running)", _beats, Config.Message, stats.AppsPerStatus[AppStatus.Running]);
    }
}
