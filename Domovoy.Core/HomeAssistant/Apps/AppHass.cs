using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.HomeAssistant.State;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant.Apps;

/// <summary>
/// The Hass API of one app (<c>AppBase.Hass</c>): reads from the state cache, commands through the shared client, and every subscription
/// registered in the app's runtime so it is cancelled before finalize.
/// </summary>
internal sealed class AppHass : IHassPlugin
{
    private readonly AppRuntime _runtime;
    private readonly HassWebSocketClient _client;
    private readonly HassStateCache _cache;

    // Owned by this app's API object, so per-type metadata of the app's (unloadable) types dies with the app.
    private readonly JsonSerializerOptions _json;

    // Null: the client's default (HassClientOptions.ConnectionWaitTimeout).
    private readonly TimeSpan? _connectionWait;

    public AppHass(AppRuntime runtime, HassWebSocketClient client, HassStateCache cache)
        : this(runtime, client, cache, HassJson.CreateSerializerOptions(), null)
    {
    }

    private AppHass(AppRuntime runtime, HassWebSocketClient client, HassStateCache cache, JsonSerializerOptions json, TimeSpan? connectionWait)
    {
        _runtime = runtime;
        _client = client;
        _cache = cache;
        _json = json;
        _connectionWait = connectionWait;
    }

    public IHassPlugin WithConnectionWaitTimeout(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The connection wait must be zero or positive, or Timeout.InfiniteTimeSpan.");
        }

        return new AppHass(_runtime, _client, _cache, _json, timeout);
    }

    public TState GetState<TState>(EntityId<TState> entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.ParseState(_cache.GetState(entity.Value));
    }

    public EntityState GetFullState(EntityId entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return _cache.GetState(entity.Value) ?? throw new UnknownEntityException(entity.Value);
    }

    public EntityState? TryGetFullState(string entityId)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        return _cache.GetState(entityId);
    }

    public IReadOnlyCollection<EntityState> GetAllEntities() => _cache.GetAll();

    public IReadOnlyCollection<string> GetAllEntityIds() => _cache.GetAllIds();

    public IReadOnlyList<string> GetEntityIdsByAttribute(string attribute, object? value = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(attribute);
        JsonElement? expected = value is null ? null : value as JsonElement? ?? JsonSerializer.SerializeToElement(value, value.GetType(), _json);
        var matches = new List<string>();
        foreach (var state in _cache.GetAll())
        {
            if (state.Attributes.TryGetValue(attribute, out var actual) && (expected is null || JsonElement.DeepEquals(actual, expected.Value)))
            {
                matches.Add(state.EntityId);
            }
        }

        matches.Sort(StringComparer.Ordinal);
        return matches;
    }

    public async Task<ServiceCallResult> CallServiceAsync(string domain, string service, ServiceTarget? target = null, object? data = null, bool returnResponse = false, bool throwOnError = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        var fields = HassCommandBuilder.CallService(domain, service, target, ToElement(data), returnResponse);
        var command = $"call_service {domain}.{service}";
        try
        {
            var result = await _client.SendCommandAsync("call_service", fields, null, _connectionWait, cancellationToken).ConfigureAwait(false);
            HassContext? context = null;
            JsonElement? response = null;
            if (result.ValueKind == JsonValueKind.Object)
            {
                if (result.TryGetProperty("context", out var c))
                {
                    context = HassJson.ParseContext(c);
                }

                if (result.TryGetProperty("response", out var r))
                {
                    response = r;
                }
            }

            return new ServiceCallResult(true, context, response, null);
        }
        catch (Exception ex) when (ex is HassCommandException or HassConnectionException or TimeoutException)
        {
            if (throwOnError || _runtime.Status == AppStatus.Initializing)
            {
                throw;
            }

            var error = ex switch
            {
                HassCommandException command1 => command1.Error,
                HassConnectionException => new HassError("connection_lost", ex.Message),
                _ => new HassError("timeout", ex.Message),
            };
            _runtime.Logger.LogError("App {App}: {Command} failed: {Code}: {Message}", _runtime.AppName, command, error.Code, error.Message);
            return new ServiceCallResult(false, null, null, error);
        }
    }

    public async Task FireEventAsync(string eventType, object? data = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        var fields = HassCommandBuilder.FireEvent(eventType, ToElement(data));
        await _client.SendCommandAsync("fire_event", fields, null, _connectionWait, cancellationToken).ConfigureAwait(false);
    }

    public Task<JsonElement> GetServiceDefinitionsAsync(CancellationToken cancellationToken = default)
        => _client.SendCommandAsync("get_services", null, null, _connectionWait, cancellationToken);

    public Task<JsonElement> SendRawCommandAsync(string type, object? arguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var fields = ToElement(arguments);
        if (fields is { } f && f.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The arguments of a raw command must serialize to a JSON object.", nameof(arguments));
        }

        return _client.SendCommandAsync(type, fields, null, _connectionWait, cancellationToken);
    }

    public async Task<CallbackId> ListenTriggerAsync(object trigger, Func<JsonElement, CancellationToken, Task> callback, CancellationToken cancellationToken = default, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(callback);
        var triggerJson = ToElement(trigger)!.Value;
        var holder = new SingleAssignmentDisposable();
        var subscription = _runtime.Subscribe(CallbackKind.Trigger, name, $"trigger {Describe(triggerJson)}", _ => holder);
        try
        {
            holder.Disposable = await _client.SubscribeAsync("subscribe_trigger", HassCommandBuilder.SubscribeTrigger(triggerJson), ev => subscription.Enqueue(ct =>
            {
                var variables = ev.ValueKind == JsonValueKind.Object && ev.TryGetProperty("variables", out var v) ? v : ev;
                return subscription.InvokeAsync(c => callback(variables, c), ct);
            }), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            subscription.End();
            throw;
        }

        return subscription.Id;
    }

    public IObservable<StateChange<TState>> StateChanges<TState>(EntityId<TState> entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return Observe<StateChange<TState>>($"StateChanges({entity.Value})", entity.Value, (subscription, observer) =>
            EntityChangeTracker.Connect(subscription, _cache, entity.Value, EntityChangeTracker.StateDiffers, (change, ct) =>
                subscription.InvokeAsync(_ => Next(observer, new StateChange<TState>(entity, entity.ParseState(change.Old), entity.ParseState(change.New), change.Old, change.New)), ct)));
    }

    public IObservable<HassEvent> Events(string eventType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        return Observe<HassEvent>($"Events({eventType})", eventType, (subscription, observer) =>
            _cache.SubscribeEvents([eventType], ev => subscription.Enqueue(ct => subscription.InvokeAsync(_ => Next(observer, ev), ct))));
    }

    /// <summary>
    /// An observable whose every subscription is an app subscription: items reach the observer on the app's queue,
    /// disposing it ends the subscription (and removes it from the registry), and the app's stop completes it.
    /// </summary>
    private IObservable<T> Observe<T>(string name, string description, Func<AppSubscription, IObserver<T>, IDisposable> connect)
        => Observable.Create<T>(observer =>
        {
            var subscription = _runtime.Subscribe(CallbackKind.Subscription, name, description, sub =>
                new CompositeDisposable(connect(sub, observer), Disposable.Create(observer.OnCompleted)));
            return Disposable.Create(() => subscription.End());
        });

    private static Task Next<T>(IObserver<T> observer, T value)
    {
        observer.OnNext(value);
        return Task.CompletedTask;
    }

    private JsonElement? ToElement(object? value) => value switch
    {
        null => null,
        JsonElement element => element,
        _ => JsonSerializer.SerializeToElement(value, value.GetType(), _json),
    };

    private static string Describe(JsonElement trigger)
    {
        var text = trigger.GetRawText();
        return text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");
    }
}
