namespace Domovoy.Simulator;

/// <summary>When a client reconnecting after <see cref="HomeAssistantSimulator.ShutDownAsync"/> finds Home Assistant up again.</summary>
public enum ReconnectTiming
{
    /// <summary>
    /// The client finds Home Assistant still STARTING: the simulator listens while STARTING and stays STARTING until a
    /// client has authenticated and asked get_config (so it has seen STARTING); then homeassistant_start, RUNNING,
    /// homeassistant_started.
    /// </summary>
    WhileStarting,

    /// <summary>The client finds Home Assistant already RUNNING: homeassistant_start/started fire before the simulator listens again.</summary>
    AfterRunning,
}
