using System.Text.Json.Nodes;
using Domovoy.Simulator.Events;
using Domovoy.Simulator.Json;
using Domovoy.Simulator.Registry;
using Domovoy.Simulator.Services;
using Domovoy.Simulator.States;

namespace Domovoy.Simulator;

/// <summary>
/// The simulated Home Assistant core: state machine, bus, services and registries. Everything that reads or
/// writes it holds <see cref="Gate"/>, which makes event/result ordering deterministic (one "event loop").
/// </summary>
internal sealed class SimulatorCore
{
    /// <summary>The user that owns the access token; service calls over the API carry it in their context.</summary>
    public const string TokenUserId = "5e8f7c9d2b1a4c3e9f0a1b2c3d4e5f60";

    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public SimulatorCore(SimulatorOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
        Ids = new ContextIdGenerator(Time, options.RandomSeed is { } seed ? new Random(seed) : new Random());
        States = new StateMachine(this);
        LightServices.Register(Services);
        ToggleServices.Register(Services, "switch");
        ToggleServices.Register(Services, "input_boolean");
        InputNumberServices.Register(Services);
        InputSelectServices.Register(Services);
        InputTextServices.Register(Services);
        ButtonServices.Register(Services, "button");
        ButtonServices.Register(Services, "input_button");
        HomeAssistantServices.Register(Services);
        ServentsServices.Register(Services);
        ServentPlatformServices.Register(Services);
        Servents = new Servents.ServentRegistrar(this);
        SimulatorServices.Register(Services);
    }

    public Lock Gate { get; } = new();

    public SimulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public ContextIdGenerator Ids { get; }

    public EventBus Bus { get; } = new();

    public StateMachine States { get; }

    public ServiceRegistry Services { get; } = new();

    public RegistryStore Registry { get; } = new();

    /// <summary>The servents integration's live entities.</summary>
    public Servents.ServentRegistrar Servents { get; }

    /// <summary>get_config "state": NOT_RUNNING, STARTING, RUNNING, STOPPING, FINAL_WRITE or STOPPED.</summary>
    public string CoreState { get; set; } = "RUNNING";

    /// <summary>Set by the host: starts the restart sequence without waiting for it (homeassistant.restart).</summary>
    public Action? RestartRequested { get; set; }

    public DateTimeOffset Now() => HaJson.ToMicroseconds(Time.GetUtcNow());

    public HaContext NewContext(string? userId = null, string? parentId = null) => new(Ids.Next(), parentId, userId);

    public HaEvent Fire(string eventType, JsonObject? data = null, HaContext? context = null, string origin = "LOCAL")
    {
        var e = new HaEvent(eventType, data ?? [], origin, Now(), context ?? NewContext());
        Bus.Fire(e);
        return e;
    }

    public void RequestRestart() => RestartRequested?.Invoke();

    /// <summary>
    /// ServiceRegistry.async_call with blocking=True: validation, then the call_service event, then the handler
    /// (whose state writes fire state_changed). Returns the response when <paramref name="returnResponse"/> is set.
    /// </summary>
    public JsonNode? CallService(string domain, string service, JsonObject data, HaContext context, bool returnResponse)
    {
        domain = domain.ToLowerInvariant();
        service = service.ToLowerInvariant();
        var definition = Services.Find(domain, service) ?? throw new HaErrorException(
            "not_found",
            $"Service {domain}.{service} not found.",
            "service_not_found",
            "homeassistant",
            new JsonObject { ["domain"] = domain, ["service"] = service });
        if (returnResponse && definition.SupportsResponse == SupportsResponse.None)
        {
            throw new HaErrorException(
                "service_validation_error",
                "Validation error: An action which does not return responses can't be called with return_response=True",
                "service_does_not_support_response",
                "homeassistant",
                new JsonObject { ["return_response"] = "return_response=True" });
        }

        if (!returnResponse && definition.SupportsResponse == SupportsResponse.Only)
        {
            throw new HaErrorException(
                "service_validation_error",
                "Validation error: The action requires responses and must be called with return_response=True",
                "service_lacks_response_request",
                "homeassistant",
                new JsonObject { ["return_response"] = "return_response=True" });
        }

        definition.Schema?.Invoke(data);
        Fire("call_service", new JsonObject { ["domain"] = domain, ["service"] = service, ["service_data"] = data.DeepClone() }, context);
        var call = new ServiceCall(this, domain, service, data, context, returnResponse, ResolveEntities(data, definition));
        var response = definition.Handler(call);
        return returnResponse ? response ?? new JsonObject() : null;
    }

    /// <summary>get_config / GET /api/config: hass.config.as_dict().</summary>
    public JsonObject ConfigJson() => new()
    {
        ["allowlist_external_dirs"] = new JsonArray("/media", "/config/www"),
        ["allowlist_external_urls"] = new JsonArray(),
        ["components"] = new JsonArray(Services.Describe().Select(p => (JsonNode?)JsonValue.Create(p.Key))
            .Concat(["api", "websocket_api", "http", "sun", "person", "binary_sensor", "sensor", "config"])
            .ToArray()),
        ["config_dir"] = "/config",
        ["config_source"] = "storage",
        ["country"] = "DE",
        ["currency"] = "EUR",
        ["debug"] = false,
        ["elevation"] = Options.Elevation,
        ["external_url"] = null,
        ["internal_url"] = null,
        ["language"] = "en",
        ["latitude"] = Options.Latitude,
        ["location_name"] = Options.LocationName,
        ["longitude"] = Options.Longitude,
        ["radius"] = 100,
        ["recovery_mode"] = false,
        ["safe_mode"] = false,
        ["state"] = CoreState,
        ["time_zone"] = Options.TimeZone,
        ["unit_system"] = new JsonObject
        {
            ["length"] = "km",
            ["accumulated_precipitation"] = "mm",
            ["area"] = "m²",
            ["mass"] = "g",
            ["pressure"] = "Pa",
            ["temperature"] = "°C",
            ["volume"] = "L",
            ["wind_speed"] = "m/s",
        },
        ["version"] = Options.HaVersion,
        ["whitelist_external_dirs"] = new JsonArray("/media", "/config/www"),
    };

    /// <summary>Completes once <paramref name="condition"/> holds; re-checked on every <see cref="Pulse"/>.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
    {
        TaskCompletionSource done;
        (Func<bool>, TaskCompletionSource) entry;
        lock (Gate)
        {
            if (condition())
            {
                return;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            entry = (condition, done);
            _waiters.Add(entry);
        }

        // Drop the waiter on cancellation so abandoned waits do not pile up.
        await using var registration = ct.Register(() =>
        {
            lock (Gate)
            {
                _waiters.Remove(entry);
            }

            done.TrySetCanceled(ct);
        }).ConfigureAwait(false);
        await done.Task.ConfigureAwait(false);
    }

    /// <summary>Something observable changed (command received, connection opened/closed): wake matching waiters.</summary>
    public void Pulse()
    {
        lock (Gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Done.Task.IsCompleted || _waiters[i].Condition())
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private List<string> ResolveEntities(JsonObject data, ServiceDefinition definition)
    {
        var referenced = new List<string>();
        var all = false;
        switch (data["entity_id"])
        {
            case JsonValue value when HaJson.TryGetString(value, out var text):
                if (text.Equals("all", StringComparison.OrdinalIgnoreCase))
                {
                    all = true;
                }
                else if (!text.Equals("none", StringComparison.OrdinalIgnoreCase))
                {
                    referenced.AddRange(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                }

                break;
            case JsonArray list:
                referenced.AddRange(list.Select(i => HaJson.PythonStr(i)));
                break;
        }

        referenced.AddRange(Registry.ResolveTarget(TargetIds("device_id"), TargetIds("area_id"), TargetIds("floor_id"), TargetIds("label_id")));
        IEnumerable<string> candidates = all ? States.All.Select(s => s.EntityId) : referenced.Select(id => id.ToLowerInvariant());
        if (definition.EntityDomain is { } domain)
        {
            candidates = candidates.Where(id => id.StartsWith(domain + ".", StringComparison.Ordinal));
        }

        // Missing entities are only logged by core, never an error.
        return candidates.Where(id => States.Get(id) is not null).Distinct(StringComparer.Ordinal).ToList();

        HashSet<string> TargetIds(string key) => data[key] switch
        {
            JsonValue v when HaJson.TryGetString(v, out var s) => new HashSet<string>([s], StringComparer.Ordinal),
            JsonArray list => new HashSet<string>(list.Select(i => HaJson.PythonStr(i)), StringComparer.Ordinal),
            _ => new HashSet<string>(StringComparer.Ordinal),
        };
    }
}
