using System.ComponentModel.DataAnnotations;
using Domovoy.Abstractions;
using Domovoy.Samples.Helpers;
using Microsoft.Extensions.Logging;

namespace Domovoy.Samples.MotionLights;

/// <summary>Config of <see cref="MotionLightsApp"/>.</summary>
public sealed class MotionLightsConfig : AppConfigBase
{
    /// <summary>The motion sensor.</summary>
    [Required]
    public required BinarySensorEntity Motion { get; init; }

    /// <summary>The light to switch.</summary>
    [Required]
    public required LightEntity Light { get; init; }

    /// <summary>How long the light stays on after motion stops.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OffDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Brightness in percent when turned on.</summary>
    [Range(1, 100)]
    public int BrightnessPercent { get; init; } = 80;
}

/// <summary>Motion → light on; no motion for <see cref="MotionLightsConfig.OffDelay"/> → light off.</summary>
public sealed class MotionLightsApp : AppBase<MotionLightsConfig>
{
    private CallbackId? _offTimer;

    /// <inheritdoc />
    public override Task InitializeAsync(CancellationToken cancellationToken)
    {
        Callbacks.ListenState(Config.Motion, OnMotionAsync);
        Log.LogInformation("Watching {Motion} to switch {Light} (off after {Delay})", Config.Motion, Config.Light, Durations.Describe(Config.OffDelay));
        return Task.CompletedTask;
    }

    private async Task OnMotionAsync(StateChange<bool?> change, CancellationToken cancellationToken)
    {
        if (change.New == true)
        {
            if (_offTimer is { } pending)
            {
                Callbacks.Cancel(pending);
                _offTimer = null;
            }

            Log.LogInformation("Motion at {Motion}: turning on {Light}", Config.Motion, Config.Light);
            await Hass.Light.TurnOnAsync(Config.Light, brightnessPct: Config.BrightnessPercent, cancellationToken: cancellationToken);
        }
        else if (change.New == false)
        {
            _offTimer = Callbacks.RunIn(Config.OffDelay, TurnOffAsync);
            Log.LogInformation("Motion stopped at {Motion}: {Light} goes off in {Delay}", Config.Motion, Config.Light, Durations.Describe(Config.OffDelay));
        }
    }

    private async Task TurnOffAsync(CancellationToken cancellationToken)
    {
        _offTimer = null;
        Log.LogInformation("No motion for {Delay}: turning off {Light}", Durations.Describe(Config.OffDelay), Config.Light);
        await Hass.Light.TurnOffAsync(Config.Light, cancellationToken: cancellationToken);
    }
}
