using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;

namespace Domovoy.Testing.Tests;

/// <summary>Config of the test apps: the light they switch.</summary>
public sealed class LightConfig : AppConfigBase
{
    /// <summary>The light.</summary>
    [Required]
    public required LightEntity Light { get; init; }

    /// <summary>A delay.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>Chained timers: toggles the light after Delay, then again after twice Delay, and so on.</summary>
public sealed class ChainApp : AppBase<LightConfig>
{
    private int _round;

    /// <inheritdoc />
    public override Task InitializeAsync(CancellationToken cancellationToken)
    {
        Schedule();
        return Task.CompletedTask;
    }

    private void Schedule()
    {
        _round++;
        Callbacks.RunIn(Config.Delay * _round, async ct =>
        {
            await Hass.CallServiceAsync("light", "toggle", Config.Light, cancellationToken: ct);
            Schedule();
        });
    }
}

/// <summary>Turns the light on at 07:00 every day, and logs each doorbell event's data.</summary>
public sealed class MorningApp : AppBase<LightConfig>
{
    /// <inheritdoc />
    public override Task InitializeAsync(CancellationToken cancellationToken)
    {
        Callbacks.RunDaily(new TimeOnly(7, 0), () => Hass.CallServiceAsync("light", "turn_on", Config.Light));
        Callbacks.ListenEvent(["doorbell"], e => Log.LogInformation("Doorbell: {Data}", e.Data.GetRawText()));
        Callbacks.ListenState(Config.Light, _ => Log.LogInformation("Light was on for a minute"), new() { New = true, Duration = TimeSpan.FromMinutes(1) });
        return Task.CompletedTask;
    }
}

/// <summary>Throws from a state listener.</summary>
public sealed class ThrowingApp : AppBase<LightConfig>
{
    /// <inheritdoc />
    public override Task InitializeAsync(CancellationToken cancellationToken)
    {
        Callbacks.ListenState(Config.Light, _ => throw new InvalidOperationException("the app's own bug"));
        return Task.CompletedTask;
    }
}

/// <summary>Fails to initialize.</summary>
public sealed class BrokenApp : AppBase
{
    /// <inheritdoc />
    public override Task InitializeAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("no config for the boiler");
}

/// <summary>Turns the light on at sunset and logs every quarter hour (cron).</summary>
public sealed class SunsetApp : AppBase<LightConfig>
{
    /// <inheritdoc />
    public override Task InitializeAsync(CancellationToken cancellationToken)
    {
        Callbacks.RunDailyOnSunEvent(SunEvent.Sunset, () => Hass.CallServiceAsync("light", "turn_on", Config.Light));
        Callbacks.RunCron("*/15 * * * *", () => Log.LogInformation("Quarter hour at {Time:HH:mm}", Time.Now));
        return Task.CompletedTask;
    }
}
