using System.Text.Json;
using Domovoy.Abstractions;

namespace Domovoy.Testing;

/// <summary>
/// What a <see cref="DomovoyTestHome"/> starts with: the entities of the simulated Home Assistant, the apps, the clock.
/// Passed to <see cref="DomovoyTestHome.StartAsync"/>; every method returns the builder for chaining.
/// </summary>
public sealed class DomovoyTestHomeBuilder
{
    /// <summary>The clock's default start: Monday 2025-01-06 12:00 UTC (a fixed time, so tests are repeatable).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 1, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly List<(string EntityId, string State, Dictionary<string, object?>? Attributes)> _seeded = [];
    private readonly List<(string EntityId, string State, Dictionary<string, object?>? Attributes)> _entities = [];
    private readonly List<(string Plugin, Action<IAppRegistry> Register)> _apps = [];

    internal DomovoyTestHomeBuilder()
    {
    }

    /// <summary>Snapshot entities first, then those added one by one (which win).</summary>
    internal IEnumerable<(string EntityId, string State, Dictionary<string, object?>? Attributes)> Entities => _seeded.Concat(_entities);

    internal IReadOnlyList<(string Plugin, Action<IAppRegistry> Register)> Apps => _apps;

    internal string? EntitiesFile { get; private set; }

    internal DateTimeOffset Start { get; private set; } = DefaultStart;

    internal string TimeZoneId { get; private set; } = "UTC";

    internal (double Latitude, double Longitude, int Elevation) Location { get; private set; } = (52.52, 13.405, 34);

    internal bool FailOnCallbackError { get; private set; } = true;

    internal TimeSpan? MisfireGrace { get; private set; }

    /// <summary>Adds (or replaces) an entity of the simulated Home Assistant.</summary>
    /// <param name="entityId">The entity id, e.g. <c>light.hallway</c>.</param>
    /// <param name="state">Its state text, e.g. <c>off</c>.</param>
    /// <param name="attributes">Its attributes: an object or dictionary, serialized to JSON as given (e.g. <c>new { friendly_name = "Hallway", brightness = 128 }</c>), or null for none.</param>
    /// <returns>This builder.</returns>
    public DomovoyTestHomeBuilder WithEntity(string entityId, string state, object? attributes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityId);
        ArgumentNullException.ThrowIfNull(state);
        _entities.Add((entityId, state, ToDictionary(attributes)));
        return this;
    }

    /// <summary>
    /// Seeds Home Assistant from an entities file in the simulator's format: a YAML or JSON list of
    /// <c>{entity_id, state, attributes}</c>, optionally under an <c>entities</c> key (see the simulator's
    /// <c>Samples/entities.example.yaml</c>). Entities added with <see cref="WithEntity"/> are applied on top.
    /// </summary>
    /// <param name="path">The file (<c>.json</c> is read as JSON, anything else as YAML), absolute or relative to the current directory.</param>
    /// <returns>This builder.</returns>
    public DomovoyTestHomeBuilder WithEntitiesFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        EntitiesFile = Path.GetFullPath(path);
        return this;
    }

    /// <summary>
    /// Seeds Home Assistant from a <c>hass.snapshot.json</c> written by <c>domovoy codegen</c> (the file the typed entities
    /// are generated from): every entity with its sampled state, friendly name, unit, device and state class and options.
    /// Entities added with <see cref="WithEntity"/> are applied on top, so a test sets the states it depends on.
    /// </summary>
    /// <param name="path">The snapshot file, absolute or relative to the current directory.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidDataException">The file is not a snapshot.</exception>
    public DomovoyTestHomeBuilder WithSnapshotFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _seeded.AddRange(SnapshotEntities.Read(Path.GetFullPath(path)).Select(e => (e.EntityId, e.State, (Dictionary<string, object?>?)e.Attributes)));
        return this;
    }

    /// <summary>Registers the apps of a plugin through its own registrar, exactly as the host would.</summary>
    /// <typeparam name="TRegistrar">The plugin's <see cref="IAppRegistrar"/>.</typeparam>
    /// <returns>This builder.</returns>
    public DomovoyTestHomeBuilder AddRegistrar<TRegistrar>()
        where TRegistrar : IAppRegistrar, new()
        => AddRegistrar(new TRegistrar());

    /// <summary>Registers the apps of a plugin through a registrar instance, exactly as the host would.</summary>
    /// <param name="registrar">The plugin's registrar.</param>
    /// <returns>This builder.</returns>
    public DomovoyTestHomeBuilder AddRegistrar(IAppRegistrar registrar)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        _apps.Add((registrar.GetType().Assembly.GetName().Name ?? registrar.GetType().Name, registrar.Register));
        return this;
    }

    /// <summary>Registers one app with a config (validated like the host does: DataAnnotations).</summary>
    /// <typeparam name="TApp">The app class.</typeparam>
    /// <typeparam name="TConfig">Its config class.</typeparam>
    /// <param name="appName">The app's unique name, e.g. <c>hallway_lights</c>.</param>
    /// <param name="config">The config.</param>
    /// <returns>This builder.</returns>
    public DomovoyTestHomeBuilder AddApp<TApp, TConfig>(string appName, TConfig config)
        where TApp : AppBase<TConfig>, new()
        where TConfig : AppConfigBase
    {
        _apps.Add((typeof(TApp).Assembly.GetName().Name ?? typeof(TApp).Name, r => r.Register<TApp, TConfig>(appName, config)));
        return this;
    }

    /// <summary>Registers one app without a config.</summary>
    /// <typeparam name="TApp">The app class.</typeparam>
    /// <param name="appName">The app's unique name.</param>
    /// <returns>This builder.</returns>
    public DomovoyTestHomeBuilder AddApp<TApp>(string appName)
        where TApp : AppBase, new()
    {
        _apps.Add((typeof(TApp).Assembly.GetName().Name ?? typeof(TApp).Name, r => r.Register<TApp>(appName)));
        return this;
    }

    /// <summary>Starts the fake clock at <paramref name="start"/> instead of <see cref="DefaultStart"/>.</summary>
    /// <param name="start">The time the apps see when they start.</param>
    /// <returns>This builder.</returns>
    public DomovoyTestHomeBuilder StartingAt(DateTimeOffset start)
    {
        Start = start;
        return this;
    }

    /// <summary>The home's time zone (default UTC): what the apps' local times, daily schedules and cron use, and what Home Assistant reports.</summary>
    /// <param name="timeZoneId">An IANA (or Windows) time zone id, e.g. <c>Europe/Berlin</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="TimeZoneNotFoundException">The id is unknown.</exception>
    public DomovoyTestHomeBuilder InTimeZone(string timeZoneId)
    {
        TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        TimeZoneId = timeZoneId;
        return this;
    }

    /// <summary>The home's location (default Berlin), which sun events are computed from.</summary>
    /// <param name="latitude">Degrees north.</param>
    /// <param name="longitude">Degrees east.</param>
    /// <param name="elevation">Metres above sea level.</param>
    /// <returns>This builder.</returns>
    public DomovoyTestHomeBuilder AtLocation(double latitude, double longitude, int elevation = 0)
    {
        Location = (latitude, longitude, elevation);
        return this;
    }

    /// <summary>The misfire grace of the apps' schedules (default: the host's, 60 s).</summary>
    /// <param name="grace">At least one second.</param>
    /// <returns>This builder.</returns>
    public DomovoyTestHomeBuilder WithMisfireGrace(TimeSpan grace)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.FromSeconds(1));
        MisfireGrace = grace;
        return this;
    }

    /// <summary>
    /// Records app callback exceptions in <see cref="DomovoyTestHome.CallbackErrors"/> instead of failing the test's next
    /// step with <see cref="AppCallbackException"/> (the default). For tests of how an app behaves when it throws.
    /// </summary>
    /// <returns>This builder.</returns>
    public DomovoyTestHomeBuilder AllowCallbackErrors()
    {
        FailOnCallbackError = false;
        return this;
    }

    private static Dictionary<string, object?>? ToDictionary(object? attributes)
    {
        if (attributes is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(attributes, attributes.GetType()));
        if (json.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("Attributes must serialize to a JSON object (an anonymous object or a dictionary).", nameof(attributes));
        }

        return json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
    }

    internal static Dictionary<string, object?>? AttributesOf(object? attributes) => ToDictionary(attributes);
}
