using System.Text.Json;
using System.Text.Json.Nodes;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.Scheduling;
using Domovoy.Core.ServEnts;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Plugins;

/// <summary>
/// The ServEnts plugin of one app: builds the integration's payloads, calls <c>servents.*</c> through the app's Hass
/// plugin, waits for new entities on the state cache's events, and re-creates the app's entities when Home Assistant
/// comes back after a restart (until then they are restored placeholders without a servent_id).
/// </summary>
internal sealed class ServEntsPlugin : IServEntsPlugin, IServEntBackend
{
    private const int MaxButtonEventLength = 50;
    private readonly AppRuntime _runtime;
    private readonly IHassPlugin? _hass;
    private readonly IHassEventSource? _events;
    private readonly IMetaPlugin _meta;
    private readonly TimeSpan _creationTimeout;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _created = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _entityIds = new(StringComparer.Ordinal);

    // Owned by this app's plugin, so per-type metadata of the app's (unloadable) types dies with the app.
    private readonly JsonSerializerOptions _json = HassJson.CreateSerializerOptions();
    private ServEntDevice _defaultDevice;
    private bool _watching;

    public ServEntsPlugin(AppRuntime runtime, IHassPlugin? hass, IHassEventSource? events, IMetaPlugin meta, string? appNamespace, string className, TimeSpan creationTimeout)
    {
        _runtime = runtime;
        _hass = hass;
        _events = events;
        _meta = meta;
        _creationTimeout = creationTimeout;
        var appName = runtime.AppName;
        _defaultDevice = new ServEntDevice(appName, appName)
        {
            Model = appName,
            Manufacturer = string.IsNullOrEmpty(appNamespace) ? className : $"{appNamespace}/{className}",
            Version = "Domovoy",
        };
    }

    public ServEntDevice DefaultDevice
    {
        get
        {
            lock (_gate)
            {
                return _defaultDevice;
            }
        }
    }

    private IHassPlugin Hass => _hass ?? throw new InvalidOperationException(
        $"App '{_runtime.AppName}' used ServEnts, but this host has no Home Assistant connection configured.");

    public void SetDefaultDevice(ServEntDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        lock (_gate)
        {
            _defaultDevice = device;
        }
    }

    public void UpdateDefaultDeviceName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            _defaultDevice = _defaultDevice with { Name = name };
        }
    }

    public async Task<IServEntSensor> CreateSensorAsync(string id, string name, SensorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SensorOptions();
        if (options.Options is not null && options.DeviceClass is not (null or "enum"))
        {
            throw new ServEntException($"ServEnts sensor '{id}' of app '{_runtime.AppName}': a sensor with Options is an enum sensor; its DeviceClass must be null or 'enum', not '{options.DeviceClass}'.");
        }

        var (serventId, device, entity) = Build("sensor", id, name, ToJson(options.DefaultState), options,
            ("device_class", options.DeviceClass),
            ("unit_of_measurement", options.UnitOfMeasurement),
            ("state_class", options.StateClass),
            ("options", options.Options is { } o ? ServEntPayload.Strings(o) : null));
        var handle = new ServEntSensor(this, id, serventId, device);
        await CreateAsync(handle, entity, options, cancellationToken).ConfigureAwait(false);
        return handle;
    }

    public async Task<IServEntBinarySensor> CreateBinarySensorAsync(string id, string name, BinarySensorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BinarySensorOptions();
        if (options.EntityCategory == ServEntEntityCategory.Config)
        {
            throw new ServEntException($"ServEnts binary sensor '{id}' of app '{_runtime.AppName}': Home Assistant does not allow the config entity category on binary sensors.");
        }

        var (serventId, device, entity) = Build("binary_sensor", id, name, Bool(options.DefaultState), options, ("device_class", options.DeviceClass));
        var handle = new ServEntBinarySensor(this, id, serventId, device);
        await CreateAsync(handle, entity, options, cancellationToken).ConfigureAwait(false);
        return handle;
    }

    public async Task<IServEntSwitch> CreateSwitchAsync(string id, string name, SwitchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SwitchOptions();
        var (serventId, device, entity) = Build("switch", id, name, Bool(options.DefaultState), options, ("device_class", options.DeviceClass));
        var handle = new ServEntSwitch(this, id, serventId, device);
        await CreateAsync(handle, entity, options, cancellationToken).ConfigureAwait(false);
        return handle;
    }

    public async Task<IServEntNumber> CreateNumberAsync(string id, string name, NumberOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new NumberOptions();
        var (serventId, device, entity) = Build("number", id, name, ServEntPayload.Number(options.DefaultState), options,
            ("device_class", options.DeviceClass),
            ("unit_of_measurement", options.UnitOfMeasurement),
            ("mode", ServEntPayload.ModeText(options.Mode)),
            ("min_value", ServEntPayload.Number(options.MinValue)),
            ("max_value", ServEntPayload.Number(options.MaxValue)),
            ("step", ServEntPayload.Number(options.Step)));
        var handle = new ServEntNumber(this, id, serventId, device);
        await CreateAsync(handle, entity, options, cancellationToken).ConfigureAwait(false);
        return handle;
    }

    public async Task<IServEntSelect> CreateSelectAsync(string id, string name, IReadOnlyList<string> selectOptions, SelectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selectOptions);
        options ??= new SelectOptions();
        if (selectOptions.Count == 0)
        {
            throw new ServEntException($"ServEnts select '{id}' of app '{_runtime.AppName}' needs at least one option.");
        }

        if (options.DefaultState is { } initial && !selectOptions.Contains(initial))
        {
            throw new ServEntException($"ServEnts select '{id}' of app '{_runtime.AppName}': the default '{initial}' is not one of its options ({string.Join(", ", selectOptions)}).");
        }

        var (serventId, device, entity) = Build("select", id, name, options.DefaultState is { } d ? JsonValue.Create(d) : null, options, ("options", ServEntPayload.Strings(selectOptions)));
        var handle = new ServEntSelect(this, id, serventId, device, selectOptions.ToArray());
        await CreateAsync(handle, entity, options, cancellationToken).ConfigureAwait(false);
        return handle;
    }

    public async Task<IServEntButton> CreateButtonAsync(string name, string eventName, ButtonOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        options ??= new ButtonOptions();
        var finalEvent = $"{_runtime.AppName}.{eventName}";
        var extended = finalEvent.Length > MaxButtonEventLength;
        var firedEvent = extended ? "servent_extended_button_press" : finalEvent;
        var eventData = extended ? new JsonObject { ["true_event"] = finalEvent } : ServEntPayload.Dictionary(options.EventData, _json);
        var (serventId, device, entity) = Build("button", finalEvent, name, null, options,
            ("event", firedEvent),
            ("event_data", eventData),
            ("device_class", options.DeviceClass));
        var handle = new ServEntButton(this, finalEvent, serventId, device, "servent." + firedEvent);
        await CreateAsync(handle, entity, options, cancellationToken).ConfigureAwait(false);
        return handle;
    }

    public async Task<CallbackId> ListenButtonPressAsync(string name, string eventName, Func<ButtonPress, CancellationToken, Task> callback, ButtonOptions? options = null, CancellationToken cancellationToken = default, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? callbackName = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var events = _events ?? throw new InvalidOperationException($"App '{_runtime.AppName}' listened to a ServEnts button, but this host has no Home Assistant connection configured.");
        var finalEvent = $"{_runtime.AppName}.{eventName}";
        var extended = finalEvent.Length > MaxButtonEventLength;
        var eventType = "servent." + (extended ? "servent_extended_button_press" : finalEvent);
        var userData = JsonSerializer.SerializeToElement(ServEntPayload.Dictionary(options?.EventData, _json));

        // Listen first, so a press right after creation is not missed.
        var registration = _runtime.Register(CallbackKind.Event, callbackName, $"ServEnts button {finalEvent} ({eventType})", reg =>
            events.SubscribeEvents([eventType], ev =>
            {
                if (extended && !(ev.Data.ValueKind == JsonValueKind.Object && ev.Data.TryGetProperty("true_event", out var trueEvent)
                    && trueEvent.ValueKind == JsonValueKind.String && trueEvent.GetString() == finalEvent))
                {
                    return;
                }

                var press = new ButtonPress(eventName, extended ? userData : ev.Data, ev);
                _runtime.Post(reg, ct => callback(press, ct));
            }));
        try
        {
            await CreateButtonAsync(name, eventName, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _runtime.Callbacks.Cancel(registration.Id);
            throw;
        }

        return registration.Id;
    }

    public Task<CallbackId> EnableReloadButtonAsync(CancellationToken cancellationToken = default) =>
        ListenButtonPressAsync(
            "Restart App",
            "AppRestartRequested",
            (_, ct) =>
            {
                _runtime.Logger.LogInformation("App {App}: restart requested with its ServEnts reload button", _runtime.AppName);
                return _meta.RestartAppAsync(ct);
            },
            new ButtonOptions { DeviceClass = "restart", EntityCategory = ServEntEntityCategory.Diagnostic, DisabledByDefault = true },
            cancellationToken,
            "ServEnts reload button");

    public async Task<IServEntThresholdBinarySensor> CreateThresholdBinarySensorAsync(string id, string name, EntityId source, ThresholdOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Lower is null && options.Upper is null)
        {
            throw new ServEntException($"ServEnts threshold '{id}' of app '{_runtime.AppName}' needs Lower, Upper or both.");
        }

        var (serventId, device, entity) = Build("threshold", id, name, null, options,
            ("entity_id", source.Value),
            ("device_class", options.DeviceClass),
            ("lower", ServEntPayload.Number(options.Lower)),
            ("upper", ServEntPayload.Number(options.Upper)),
            ("hysteresis", JsonValue.Create(options.Hysteresis)));
        var handle = new ServEntThresholdBinarySensor(this, id, serventId, device);
        await CreateAsync(handle, entity, options, cancellationToken).ConfigureAwait(false);
        return handle;
    }

    public string? FindEntityId(string serventId)
    {
        if (_hass is null)
        {
            return null;
        }

        var matches = _hass.GetEntityIdsByAttribute("servent_id", serventId);
        if (matches.Count == 0)
        {
            return null;
        }

        lock (_gate)
        {
            _entityIds[matches[0]] = serventId;
        }

        return matches[0];
    }

    public EntityState? GetState(string entityId) => _hass?.TryGetFullState(entityId);

    public async Task UpdateStateAsync(string serventId, bool withState, JsonNode? state, IReadOnlyDictionary<string, object?>? attributes, CancellationToken cancellationToken)
    {
        var data = new JsonObject { ["servent_id"] = serventId };
        if (withState)
        {
            data["state"] = state;
        }

        data["attributes"] = ServEntPayload.Dictionary(attributes, _json);
        await Hass.CallServiceAsync("servents", "update_state", data: JsonSerializer.SerializeToElement(data), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A value as JSON; a <see cref="DateTime"/> without a kind is a wall time in the configured zone.</summary>
    public JsonNode? ToJson(object? value) => value is DateTime { Kind: DateTimeKind.Unspecified } wallTime
        ? ServEntPayload.Value(ZonedTime.Resolve(wallTime, _runtime.TimeZone), _json)
        : ServEntPayload.Value(value, _json);

    private static JsonNode? Bool(bool? value) => value is { } b ? JsonValue.Create(b) : null;

    private (string ServentId, ServEntDevice Device, JsonObject Entity) Build(string entityType, string id, string name, JsonNode? defaultState, ServEntOptions options, params (string Key, object? Value)[] typeFields)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var device = options.Device ?? DefaultDevice;
        if (device.AppName is null)
        {
            if (device.IsGlobal)
            {
                throw new ServEntException($"ServEnts entity '{id}' of app '{_runtime.AppName}': the global device '{device.DeviceId}' must set AppName.");
            }

            device = device with { AppName = _runtime.AppName };
        }

        string serventId;
        string appName;
        if (device.IsGlobal)
        {
            appName = device.AppName!;
            serventId = $"global-{appName}-{id}";
        }
        else
        {
            appName = options.AppName ?? _runtime.AppName;
            serventId = $"{appName}-{id}";
        }

        var fields = typeFields.Select(f => (f.Key, f.Value switch
        {
            null => null,
            JsonNode node => node,
            string text => (JsonNode?)JsonValue.Create(text),
            _ => ToJson(f.Value),
        })).ToArray();
        var entity = ServEntPayload.Entity(entityType, serventId, name, defaultState, options, appName, ServEntPayload.Device(device), _json, fields);
        return (serventId, device, entity);
    }

    private async Task CreateAsync(ServEntHandle handle, JsonObject entity, ServEntOptions options, CancellationToken cancellationToken)
    {
        var hass = Hass;
        var wait = options.WaitForCreation && !options.DisabledByDefault && _events is not null;
        var appeared = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = wait ? _events!.SubscribeEvents(["state_changed"], ev =>
        {
            if (ServentIdOf(ev, out var entityId) == handle.ServEntId)
            {
                appeared.TrySetResult(entityId);
            }
        }) : null;
        lock (_gate)
        {
            _created[handle.ServEntId] = (JsonObject)entity.DeepClone();
        }

        EnsureWatching();
        await SendCreateAsync(hass, entity, cancellationToken).ConfigureAwait(false);
        if (!wait)
        {
            return;
        }

        if (FindEntityId(handle.ServEntId) is { } existing)
        {
            handle.Remember(existing);
            return;
        }

        try
        {
            var entityId = await appeared.Task.WaitAsync(_creationTimeout, _runtime.Time, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _entityIds[entityId] = handle.ServEntId;
            }

            handle.Remember(entityId);
        }
        catch (TimeoutException ex)
        {
            throw new ServEntException(
                $"The ServEnts entity '{handle.ServEntId}' of app '{_runtime.AppName}' did not appear in Home Assistant within {_creationTimeout.TotalSeconds:0.#} s after servents.create_entity succeeded. Is the ServEnts integration loaded? Pass WaitForCreation = false to skip the wait.",
                ex);
        }
    }

    private Task SendCreateAsync(IHassPlugin hass, JsonObject entity, CancellationToken cancellationToken)
    {
        var data = new JsonObject { ["entities"] = new JsonArray(entity.DeepClone()) };
        return hass.CallServiceAsync("servents", "create_entity", data: JsonSerializer.SerializeToElement(data), throwOnError: true, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// After a Home Assistant restart the app's entities are restored placeholders (no servent_id) until created again;
    /// the app's queue re-sends their last definitions, so they come back with their restored state without a reload.
    /// </summary>
    private void EnsureWatching()
    {
        lock (_gate)
        {
            if (_watching || _events is null)
            {
                return;
            }

            _watching = true;
        }

        var events = _events;
        _runtime.Register(CallbackKind.Subscription, "ServEnts: re-create entities after a Home Assistant restart", "state_changed, homeassistant_started", reg =>
            events.SubscribeEvents(["state_changed", "homeassistant_started"], ev =>
            {
                string[] serventIds;
                if (ev.EventType == "homeassistant_started")
                {
                    lock (_gate)
                    {
                        serventIds = _created.Keys.ToArray();
                    }
                }
                else if (IsRestoredPlaceholder(ev, out var entityId))
                {
                    lock (_gate)
                    {
                        serventIds = _entityIds.TryGetValue(entityId, out var serventId) ? [serventId] : [];
                    }
                }
                else
                {
                    return;
                }

                if (serventIds.Length > 0)
                {
                    _runtime.Post(reg, ct => RecreateAsync(serventIds, ct));
                }
            }));
    }

    private async Task RecreateAsync(IReadOnlyList<string> serventIds, CancellationToken cancellationToken)
    {
        JsonObject[] definitions;
        lock (_gate)
        {
            definitions = serventIds.Select(id => _created.GetValueOrDefault(id)).OfType<JsonObject>().Select(d => (JsonObject)d.DeepClone()).ToArray();
        }

        foreach (var definition in definitions)
        {
            _runtime.Logger.LogInformation("App {App}: re-creating ServEnts entity {ServentId} after a Home Assistant restart", _runtime.AppName, definition["servent_id"]?.GetValue<string>());
            await SendCreateAsync(Hass, definition, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? ServentIdOf(HassEvent ev, out string entityId)
    {
        entityId = string.Empty;
        if (ev.Data.ValueKind != JsonValueKind.Object || !ev.Data.TryGetProperty("new_state", out var state) || state.ValueKind != JsonValueKind.Object
            || !state.TryGetProperty("attributes", out var attributes) || attributes.ValueKind != JsonValueKind.Object
            || !attributes.TryGetProperty("servent_id", out var id) || id.ValueKind != JsonValueKind.String
            || !ev.Data.TryGetProperty("entity_id", out var entity) || entity.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        entityId = entity.GetString()!;
        return id.GetString();
    }

    private static bool IsRestoredPlaceholder(HassEvent ev, out string entityId)
    {
        entityId = string.Empty;
        if (ev.Data.ValueKind != JsonValueKind.Object || !ev.Data.TryGetProperty("new_state", out var state) || state.ValueKind != JsonValueKind.Object
            || !state.TryGetProperty("attributes", out var attributes) || attributes.ValueKind != JsonValueKind.Object
            || attributes.TryGetProperty("servent_id", out _)
            || !attributes.TryGetProperty("restored", out var restored) || restored.ValueKind != JsonValueKind.True
            || !ev.Data.TryGetProperty("entity_id", out var entity) || entity.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        entityId = entity.GetString()!;
        return true;
    }
}
