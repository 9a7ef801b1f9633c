namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// When to try again after a connection ends: exponential backoff from <see cref="HassClientOptions.ReconnectMinDelay"/>
/// to <see cref="HassClientOptions.ReconnectMaxDelay"/> with ±20% jitter, restarting from the minimum after a
/// connection that had reached Ready.
/// </summary>
internal sealed class HassReconnectPolicy
{
    private readonly TimeSpan _minDelay;
    private readonly TimeSpan _maxDelay;
    private int _attempt;

    public HassReconnectPolicy(TimeSpan minDelay, TimeSpan maxDelay)
    {
        _minDelay = minDelay;
        _maxDelay = maxDelay;
    }

    /// <summary>The delay before the next attempt.</summary>
    /// <param name="reachedReady">Whether the connection that just ended had been healthy.</param>
    public TimeSpan NextDelay(bool reachedReady)
    {
        if (reachedReady)
        {
            _attempt = 0;
        }

        return ComputeBackoff(_attempt++, _minDelay, _maxDelay, Random.Shared.NextDouble());
    }

    /// <summary>min·2^attempt, capped at max, with ±20% jitter (<paramref name="unit"/> in [0,1)), never above max.</summary>
    public static TimeSpan ComputeBackoff(int attempt, TimeSpan minDelay, TimeSpan maxDelay, double unit)
    {
        var min = minDelay.TotalMilliseconds;
        var max = Math.Max(min, maxDelay.TotalMilliseconds);
        var exponential = Math.Min(max, min * Math.Pow(2, Math.Clamp(attempt, 0, 30)));
        var jittered = exponential * (0.8 + (unit * 0.4));
        return TimeSpan.FromMilliseconds(Math.Min(max, jittered));
    }
}
