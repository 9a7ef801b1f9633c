using System.Text.Json;
using System.Text.Json.Nodes;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.Scheduling;
using Domovoy.Core.ServEnts;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Api;

/// <summary>
/// The ServEnts API of one app (<c>AppBase.ServEnts</c>): builds the integration's payloads, calls <c>servents.*</c> through the app's Hass
/// API, waits for new entities on the state cache's events, and keeps the app's entities across Home Assistant
/// restarts.
/// </summary>
/// <remarks>
/// After a Home Assistant restart the integration's entities are gone (disabled-by-default ones included) and live
/// ones are restored placeholders without a servent_id. After every reconnect the app's queue sends every definition
/// the app created again, once Home Assistant is RUNNING; an update made before that (e.g. while Home Assistant is
/// still STARTING) re-creates them first, so it is never sent for an entity the integration does not know. Until then
/// the app does not see the placeholders: handles read the last live state, and listeners skip them (this API is
/// the app's <see cref="IEntityStateMask"/>).
/// </remarks>
internal sealed class AppServEnts : IServEntsPlugin, IServEntBackend, IEntityStateMask
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
    private readonly Dictionary<string, EntityState> _lastLive = new(StringComparer.Ordinal);
    private readonly System.Reactive.Disposables.CompositeDisposable _tracking = [];
    private readonly SemaphoreSlim _recreating = new(1, 1);

    // Owned by this app's API object, so per-type metadata of the app's (unloadable) types dies with the app.
    private readonly JsonSerializerOptions _json = HassJson.CreateSerializerOptions();
    private ServEntDevice _defaultDevice;
    private bool _watching;
    private long _createdForConnection;

    public AppServEnts(AppRuntime runtime, IHassPlugin? hass, IHassEventSource? events, IMetaPlugin meta, string? appNamespace, string className, TimeSpan creationTimeout)
    {
        _runtime = runtime;
        _hass = hass;
        _events = events;
        _meta = meta;
        _creationTimeout = creationTimeout;
        _createdForConnection = events?.Connections ?? 0;
        runtime.StateMask = this;
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
        var subscription = _runtime.Subscribe(CallbackKind.Event, callbackName, $"ServEnts button {finalEvent} ({eventType})", sub =>
            events.SubscribeEvents([eventType], ev => sub.Enqueue(ct =>
            {
                if (extended && !(ev.Data.ValueKind == JsonValueKind.Object && ev.Data.TryGetProperty("true_event", out var trueEvent)
                    && trueEvent.ValueKind == JsonValueKind.String && trueEvent.GetString() == finalEvent))
                {
                    return Task.CompletedTask;
                }

                var press = new ButtonPress(eventName, extended ? userData : ev.Data, ev);
                return sub.InvokeAsync(c => callback(press, c), ct);
            })));
        try
        {
            await CreateButtonAsync(name, eventName, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            subscription.End();
            throw;
        }

        return subscription.Id;
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

        Remember(matches[0], serventId);
        return matches[0];
    }

    /// <summary>The entity's state; while it is a restored placeholder (Home Assistant restarted, not re-created yet), the last live one.</summary>
    public EntityState? GetState(string entityId)
    {
        var state = _hass?.TryGetFullState(entityId);
        if (state is null || !IsRestoredPlaceholder(state))
        {
            return state;
        }

        lock (_gate)
        {
            return _entityIds.ContainsKey(entityId) && _lastLive.TryGetValue(entityId, out var live) ? live : state;
        }
    }

    public bool Hides(string entityId, EntityState state)
    {
        if (!IsRestoredPlaceholder(state))
        {
            return false;
        }

        lock (_gate)
        {
            return _entityIds.ContainsKey(entityId);
        }
    }

    public async Task UpdateStateAsync(string serventId, bool withState, JsonNode? state, IReadOnlyDictionary<string, object?>? attributes, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
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
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await SendCreateAsync(hass, [entity], cancellationToken).ConfigureAwait(false);
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
            Remember(entityId, handle.ServEntId);
            handle.Remember(entityId);
        }
        catch (TimeoutException ex)
        {
            throw new ServEntException(
                $"The ServEnts entity '{handle.ServEntId}' of app '{_runtime.AppName}' did not appear in Home Assistant within {_creationTimeout.TotalSeconds:0.#} s after servents.create_entity succeeded. Is the ServEnts integration loaded? Pass WaitForCreation = false to skip the wait.",
                ex);
        }
    }

    private static Task SendCreateAsync(IHassPlugin hass, IEnumerable<JsonObject> entities, CancellationToken cancellationToken)
    {
        var data = new JsonObject { ["entities"] = new JsonArray(entities.Select(e => (JsonNode?)e.DeepClone()).ToArray()) };
        return hass.CallServiceAsync("servents", "create_entity", data: JsonSerializer.SerializeToElement(data), throwOnError: true, cancellationToken: cancellationToken);
    }

    /// <summary>Keeps the entity's last live state (for reads while it is a placeholder) and lets listeners skip its placeholders.</summary>
    private void Remember(string entityId, string serventId)
    {
        lock (_gate)
        {
            if (!_entityIds.TryAdd(entityId, serventId) || _events is null)
            {
                return;
            }
        }

        var events = _events;
        _tracking.Add(events.SubscribeEntity(entityId, (_, state) => KeepIfLive(entityId, state)));
        KeepIfLive(entityId, events.GetState(entityId));
    }

    private void KeepIfLive(string entityId, EntityState? state)
    {
        if (state is null || IsRestoredPlaceholder(state))
        {
            return;
        }

        lock (_gate)
        {
            if (!_lastLive.TryGetValue(entityId, out var kept) || kept.LastUpdated <= state.LastUpdated)
            {
                _lastLive[entityId] = state;
            }
        }
    }

    /// <summary>Registers (once) the app's subscription that re-creates its entities at every re-sync after a reconnect.</summary>
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
        _runtime.Subscribe(CallbackKind.Subscription, "ServEnts: re-create entities after Home Assistant reconnects", "re-sync after each reconnect", sub =>
            new System.Reactive.Disposables.CompositeDisposable(
                events.SubscribeResynchronizing(() => sub.Enqueue(ct => sub.InvokeAsync(EnsureCreatedAsync, ct))),
                _tracking));
    }

    /// <summary>
    /// Sends every definition the app created again if the connection changed since they were last sent (Home
    /// Assistant may have restarted: the integration then knows none of them). Creating an existing entity again only
    /// reconfigures it in place, so a reconnect without a restart is harmless. A failure is logged and retried at the
    /// next update or re-sync.
    /// </summary>
    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_events is not { } events || Interlocked.Read(ref _createdForConnection) == events.Connections)
        {
            return;
        }

        await _recreating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = events.Connections;
            if (Interlocked.Read(ref _createdForConnection) == connection)
            {
                return;
            }

            JsonObject[] definitions;
            lock (_gate)
            {
                definitions = [.. _created.Values];
            }

            if (definitions.Length > 0)
            {
                ServEntsLog.Recreating(_runtime.Logger, _runtime.AppName, definitions.Length);
                await SendCreateAsync(Hass, definitions, cancellationToken).ConfigureAwait(false);
            }

            Interlocked.Exchange(ref _createdForConnection, connection);
        }
        catch (Exception ex) when (ex is HassCommandException or HassConnectionException or TimeoutException)
        {
            ServEntsLog.RecreateFailed(_runtime.Logger, _runtime.AppName, ex.Message);
        }
        finally
        {
            _recreating.Release();
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

    /// <summary>Home Assistant's stand-in for an entity whose integration has not added it since a restart: restored, and no servent_id.</summary>
    private static bool IsRestoredPlaceholder(EntityState state)
        => !state.Attributes.ContainsKey("servent_id")
            && state.Attributes.TryGetValue("restored", out var restored) && restored.ValueKind == JsonValueKind.True;
}
