using Microsoft.Extensions.Logging;

namespace Domovoy.Host.Configuration;

/// <summary>The host's settings, read from config.yml.</summary>
internal sealed record HostConfig
{
    /// <summary>Absolute path of the plugins folder.</summary>
    public required string PluginsPath { get; init; }

    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    public TimeSpan ReloadDebounce { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan FinalizeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Home Assistant's base URL (ws/wss/http/https); null runs the embedded simulator.</summary>
    public Uri? HassUrl { get; init; }

    /// <summary>The long-lived access token; never logged.</summary>
    public string? HassToken { get; init; }
}
