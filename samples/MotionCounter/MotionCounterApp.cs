using System.ComponentModel.DataAnnotations;
using Domovoy.Abstractions;
using Microsoft.Extensions.Logging;

namespace Domovoy.Samples.MotionCounter;

/// <summary>Config of <see cref="MotionCounterApp"/>.</summary>
public sealed class MotionCounterConfig : AppConfigBase
{
    /// <summary>The motion sensors to count.</summary>
    [Required]
    [MinLength(1)]
    public IReadOnlyList<BinarySensorEntity> Sensors { get; init; } = [];
}

/// <summary>
/// Counts motion events in a Home Assistant sensor it creates itself (ServEnts), with a switch in Home Assistant that
/// pauses counting, a button that resets the count and a "Restart App" button. Every entity is created again on each
/// reload: ServEnts finds it by its servent id, so the count survives reloads and Home Assistant restarts.
/// </summary>
public sealed class MotionCounterApp : AppBase<MotionCounterConfig>
{
    private IServEntSensor _count = null!;
    private IServEntSwitch _counting = null!;

    /// <inheritdoc />
    public override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        _count = await ServEnts.CreateSensorAsync("motion_events", "Motion Events", new() { StateClass = "total_increasing", DefaultState = 0 }, cancellationToken);
        _counting = await ServEnts.CreateSwitchAsync("counting_enabled", "Counting Enabled", new() { DefaultState = true }, cancellationToken);
        await ServEnts.ListenButtonPressAsync("Reset Count", "reset_count", ResetAsync, cancellationToken: cancellationToken);
        await ServEnts.EnableReloadButtonAsync(cancellationToken);

        foreach (var sensor in Config.Sensors)
        {
            Callbacks.ListenState(sensor, OnMotionAsync, new() { New = true });
        }

        Callbacks.ListenState(_counting.GetEntity(), change => Log.LogInformation("Counting {State} from Home Assistant", change.New == true ? "enabled" : "paused"));
        Log.LogInformation("Counting motion of {Sensors} in {Entity} (now {Count}); pause it with {Switch}", string.Join(", ", Config.Sensors), _count.GetEntityId(), _count.GetState(), _counting.GetEntityId());
    }

    private async Task OnMotionAsync(StateChange<bool?> change, CancellationToken cancellationToken)
    {
        if (!_counting.IsOn)
        {
            return;
        }

        var count = (long)(_count.GetNumericState() ?? 0) + 1;
        await _count.SetToAsync(count, new Dictionary<string, object?> { ["last_sensor"] = change.Entity.Value }, cancellationToken);
        Log.LogInformation("Motion at {Sensor}: {Count} events", change.Entity, count);
    }

    private async Task ResetAsync(ButtonPress press, CancellationToken cancellationToken)
    {
        await _count.SetToAsync(0, cancellationToken: cancellationToken);
        Log.LogInformation("Count reset from Home Assistant");
    }
}
