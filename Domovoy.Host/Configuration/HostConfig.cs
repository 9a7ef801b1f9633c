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

    /// <summary>How late a scheduled run may be found and still run (<c>misfire_grace_s</c>); later ones are skipped.</summary>
    public TimeSpan MisfireGrace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Overrides the location Home Assistant reports (sun events), when set.</summary>
    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public double? Elevation { get; init; }

    /// <summary>Port of the embedded simulator (used when no Home Assistant URL is configured); 0 picks a free one.</summary>
    public int SimulatorPort { get; init; } = 8123;

    /// <summary>Entities file seeding the embedded simulator; null uses the built-in demo home.</summary>
    public string? SimulatorEntitiesFile { get; init; }

    /// <summary>
    /// The <c>dev:</c> section's <c>projects</c>: absolute paths of app projects (or folders of them) that
    /// <c>domovoy watch</c> compiles when none are given on its command line. Empty when not set.
    /// </summary>
    public IReadOnlyList<string> DevProjects { get; init; } = [];

    /// <summary>The <c>dev:</c> section's <c>debounce_ms</c>: how long saves must be quiet before watch compiles.</summary>
    public TimeSpan DevDebounce { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>Home Assistant's base URL (ws/wss/http/https); null runs the embedded simulator.</summary>
    public Uri? HassUrl { get; init; }

    /// <summary>The long-lived access token; never logged.</summary>
    public string? HassToken { get; init; }

    /// <summary>Where the token came from, for error messages: <c>hass.token</c>, <c>token_env NAME</c> or <c>token_file PATH</c>.</summary>
    public string HassTokenSource { get; init; } = "hass.token";

    /// <summary>The status page and admin API settings.</summary>
    public AdminConfig Admin { get; init; } = new();

    /// <summary>
    /// The host's small state file next to config.yml (<c>domovoy.state.json</c>): what the operator changed at run time
    /// and must survive a restart (the disabled apps).
    /// </summary>
    public required string StateFilePath { get; init; }

    /// <summary>The apps the operator disabled (read from <see cref="StateFilePath"/>): registered, but not started.</summary>
    public IReadOnlySet<string> DisabledApps { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
