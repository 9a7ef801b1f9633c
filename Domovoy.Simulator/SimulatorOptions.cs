namespace Domovoy.Simulator;

/// <summary>Settings for one <see cref="HomeAssistantSimulator"/> instance.</summary>
public sealed class SimulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free port (read it back from <see cref="HomeAssistantSimulator.BaseUri"/>).</summary>
    public int Port { get; set; }

    /// <summary>The only long-lived access token the simulator accepts (WebSocket auth and REST bearer).</summary>
    public string AccessToken { get; set; } = "sim-token";

    /// <summary>Reported in auth_required/auth_ok and get_config.version.</summary>
    public string HaVersion { get; set; } = "2025.1.0";

    /// <summary>YAML or JSON list of {entity_id, state, attributes}; null seeds the built-in demo home.</summary>
    public string? EntitiesFile { get; set; }

    /// <summary>Source of every timestamp the simulator writes (last_changed, time_fired, button presses, context ids).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public double Latitude { get; set; } = 52.52;

    public double Longitude { get; set; } = 13.405;

    public int Elevation { get; set; } = 34;

    public string TimeZone { get; set; } = "Europe/Berlin";

    public string LocationName { get; set; } = "Home";

    /// <summary>How long a new socket may take to send its auth message (core: 10 s) before it is closed.</summary>
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the homeassistant.restart service keeps the simulator down.</summary>
    public TimeSpan ServiceRestartDowntime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long get_config reports STARTING after a restart before homeassistant_start/started fire.</summary>
    public TimeSpan StartingPhase { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Kestrel/ASP.NET logging; by default the simulator logs nothing.</summary>
    public Action<Microsoft.Extensions.Logging.ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>
    /// When set, every outgoing message is sent as WebSocket fragments (a text frame and continuation frames) of at
    /// most this many bytes, split anywhere (also inside a multi-byte UTF-8 character). Home Assistant sends each
    /// message as one frame, but proxies in front of it may fragment; clients must reassemble. Null: one frame each.
    /// </summary>
    public int? MaxFragmentBytes { get; set; }

    /// <summary>Seed for context ids; null uses a random seed. Set it for reproducible ids.</summary>
    public int? RandomSeed { get; set; }
}
