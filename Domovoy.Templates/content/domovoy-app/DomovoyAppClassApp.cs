using System.ComponentModel.DataAnnotations;
using Domovoy.Abstractions;
using Microsoft.Extensions.Logging;

namespace DomovoyApp1;

/// <summary>
/// The configuration of <see cref="DomovoyAppClassApp"/>. The host validates it (DataAnnotations attributes) before the
/// app starts; an invalid config is reported in the log and the app does not run.
/// </summary>
public sealed class DomovoyAppClassConfig : AppConfigBase
{
    /// <summary>The motion sensor to watch.</summary>
    [Required]
    public required BinarySensorEntity Motion { get; init; }

    /// <summary>The light to turn on when motion is detected.</summary>
    [Required]
    public required LightEntity Light { get; init; }

    /// <summary>Brightness in percent when the light is turned on.</summary>
    [Range(1, 100)]
    public int BrightnessPercent { get; init; } = 80;

    /// <summary>How often the app logs a heartbeat.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Turns <see cref="DomovoyAppClassConfig.Light"/> on when <see cref="DomovoyAppClassConfig.Motion"/> detects motion, and
/// logs a heartbeat every <see cref="DomovoyAppClassConfig.HeartbeatInterval"/>.
/// </summary>
/// <remarks>
/// The host creates the app, sets its plugins (<see cref="AppBase.Log"/>, <see cref="AppBase.Callbacks"/>,
/// <see cref="AppBase.Hass"/>, …) and calls <see cref="InitializeAsync"/>. Listeners and timers registered there are
/// cancelled automatically when the app stops (on every rebuild, the host reloads the app). Callbacks of one app never
/// run concurrently, so plain fields are safe.
/// </remarks>
public sealed class DomovoyAppClassApp : AppBase<DomovoyAppClassConfig>
{
    private int _motionCount;

    /// <summary>Sets up the state listener and the timer; returns quickly (long work belongs in callbacks).</summary>
    /// <param name="cancellationToken">Cancelled when the host shuts down.</param>
    /// <returns>A completed task.</returns>
    public override Task InitializeAsync(CancellationToken cancellationToken)
    {
        // React to a state change: only when the sensor turns on (New = true).
        Callbacks.ListenState(Config.Motion, OnMotionAsync, new() { New = true });

        // A timer: runs every HeartbeatInterval until the app stops.
        Callbacks.RunEvery(Config.HeartbeatInterval, LogHeartbeat);

        Log.LogInformation("Watching {Motion} to switch on {Light}", Config.Motion, Config.Light);
        return Task.CompletedTask;
    }

    /// <summary>Turns the light on; called when the motion sensor turns on.</summary>
    /// <param name="change">The state change (old and new state).</param>
    /// <param name="cancellationToken">Cancelled when the app stops.</param>
    /// <returns>A task that completes when Home Assistant handled the service call.</returns>
    private async Task OnMotionAsync(StateChange<bool?> change, CancellationToken cancellationToken)
    {
        _motionCount++;
        Log.LogInformation("Motion at {Motion}: turning on {Light}", Config.Motion, Config.Light);
        // A typed service call generated from hass.snapshot.json: light.turn_on with its fields as parameters.
        await Hass.Light.TurnOnAsync(Config.Light, brightnessPct: Config.BrightnessPercent, cancellationToken: cancellationToken);
    }

    /// <summary>Logs how often motion was seen since the app started.</summary>
    private void LogHeartbeat() => Log.LogInformation("Still running; motion seen {Count} times", _motionCount);
}
