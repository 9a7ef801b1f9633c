namespace Domovoy.Core;

/// <summary>Engine settings (from the host's config.yml).</summary>
public sealed class DomovoyOptions
{
    /// <summary>The folder with one subfolder per plugin.</summary>
    public string PluginsPath { get; set; } = "plugins";

    /// <summary>
    /// The root folder for shadow copies (each host instance works in its own locked subfolder); it must be owned by the
    /// user running the host and is made mode 0700. Default <c>~/.cache/domovoy/shadow</c> (<c>$XDG_CACHE_HOME</c> honoured).
    /// </summary>
    public string? ShadowPath { get; set; }

    /// <summary>The time zone apps see.</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Quiet time after the last file event of a plugin before it is reloaded.</summary>
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// How many times (one debounce apart) an incompletely written plugin folder is re-checked before the attempt is
    /// reported as failed; the running version is kept either way.
    /// </summary>
    public int NotReadyRetries { get; set; } = 20;

    /// <summary>How long a ServEnts create call waits for the new entity to appear in the state cache.</summary>
    public TimeSpan ServEntCreationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// One deadline for stopping an app: its running callback, its background work and <c>FinalizeAsync</c> together.
    /// Past it the app is abandoned (logged, its queue detached). Host shutdown is bounded by it plus a few seconds.
    /// </summary>
    public TimeSpan FinalizeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long <c>InitializeAsync</c> may take before the app is marked failed.</summary>
    public TimeSpan InitializeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a reload waits for Home Assistant to be connected and synchronized (e.g. during an HA restart) before it
    /// gives up and keeps the running version.
    /// </summary>
    public TimeSpan HassReadyTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A callback running longer than this is logged as slow.</summary>
    public TimeSpan SlowCallbackThreshold { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The misfire grace of app schedules (config.yml <c>misfire_grace_s</c>): an occurrence found more than this late
    /// (the wall clock stepped forward, the machine was suspended or starved) is skipped with one log line instead of
    /// run late. At least 1 s; apps can override it per schedule with <c>ScheduleOptions.MisfireGrace</c>.
    /// </summary>
    public TimeSpan MisfireGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Names of apps that stay registered but are not started (switched off by the operator; the host persists them).
    /// </summary>
    public ISet<string> DisabledApps { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Capacity of each app's callback queue.</summary>
    public int AppQueueCapacity { get; set; } = 10_000;

    /// <summary>How many GC rounds the unload check runs before it declares a plugin version leaked.</summary>
    public int UnloadCheckRounds { get; set; } = 10;

    /// <summary>Latitude of the home in degrees (north positive) for sun events; overrides Home Assistant's location when set with <see cref="Longitude"/>.</summary>
    public double? Latitude { get; set; }

    /// <summary>Longitude of the home in degrees (east positive) for sun events; overrides Home Assistant's location when set with <see cref="Latitude"/>.</summary>
    public double? Longitude { get; set; }

    /// <summary>Elevation of the home in metres for sun events; default Home Assistant's elevation, else 0.</summary>
    public double? Elevation { get; set; }
}
