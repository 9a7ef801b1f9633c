namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>Internal signal from one connection to the reconnect loop: the session ended, and whether it had been healthy.</summary>
internal sealed class HassSessionEndedException(bool reachedReady, Exception reason)
    : Exception($"The Home Assistant session ended: {reason.Message}", reason)
{
    /// <summary>True when the session had reached Ready (the backoff restarts from the minimum).</summary>
    public bool ReachedReady { get; } = reachedReady;
}
