using System.Reactive.Disposables;
using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Plugins;

internal sealed partial class CallbacksPlugin
{
    private IHassEventSource Source => _source ?? throw new InvalidOperationException(
        $"App '{_runtime.AppName}' registered a Home Assistant listener, but this host has no Home Assistant connection configured.");

    public CallbackId ListenState<TState>(EntityId<TState> entity, Func<StateChange<TState>, CancellationToken, Task> callback, StateListenOptions<TState>? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(callback);
        options ??= new StateListenOptions<TState>();
        return ListenEntity(
            CallbackKind.State,
            name,
            Describe(entity.Value, options),
            entity.Value,
            isChange: (oldState, newState) => !string.Equals(oldState?.State, newState?.State, StringComparison.Ordinal),
            value: entity.ParseState,
            options,
            options.New,
            options.Old,
            makeChange: (oldState, newState) => new StateChange<TState>(entity, oldState is null ? default! : entity.ParseState(oldState), entity.ParseState(newState), oldState, newState),
            callback);
    }

    public CallbackId ListenAttribute(EntityId entity, string attribute, Func<AttributeChange, CancellationToken, Task> callback, StateListenOptions<JsonElement?>? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentException.ThrowIfNullOrWhiteSpace(attribute);
        ArgumentNullException.ThrowIfNull(callback);
        options ??= new StateListenOptions<JsonElement?>();
        var all = string.Equals(attribute, "all", StringComparison.Ordinal);
        if (all && (options.New is not null || options.Old is not null))
        {
            throw new ArgumentException($"ListenAttribute({entity.Value}, \"all\") takes no New/Old filter: \"all\" has no single attribute value to compare.", nameof(options));
        }

        return ListenEntity(
            CallbackKind.Attribute,
            name,
            Describe($"{entity.Value}[{attribute}]", options),
            entity.Value,
            isChange: (oldState, newState) => all || !JsonEquals(Attribute(oldState, attribute), Attribute(newState, attribute)),
            value: state => Attribute(state, attribute),
            options,
            options.New,
            options.Old,
            makeChange: (oldState, newState) => new AttributeChange(entity.Value, attribute, Attribute(oldState, attribute), Attribute(newState, attribute), oldState, newState),
            callback);
    }

    public CallbackId ListenEvent(IReadOnlyCollection<string> eventTypes, Func<HassEvent, CancellationToken, Task> callback, EventListenOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        ArgumentNullException.ThrowIfNull(callback);
        if (eventTypes.Count == 0)
        {
            throw new ArgumentException("ListenEvent needs at least one event type.", nameof(eventTypes));
        }

        var source = Source;
        var oneShot = options?.OneShot ?? false;
        var data = options?.Data?.Select(pair => (pair.Key, Value: JsonSerializer.SerializeToElement(pair.Value))).ToArray();
        var where = options?.Where;
        var description = string.Join(", ", eventTypes) + (data is { Length: > 0 } ? $" where {string.Join(", ", data.Select(d => $"{d.Key}={d.Value.GetRawText()}"))}" : string.Empty);
        var registration = _runtime.Register(CallbackKind.Event, name, description, reg => source.SubscribeEvents(eventTypes, e =>
        {
            if (!EventMatches(reg, e, data, where))
            {
                return;
            }

            Deliver(reg, oneShot, ct => callback(e, ct));
        }));
        return registration.Id;
    }

    public async Task<TState> WaitForStateAsync<TState>(EntityId<TState> entity, IReadOnlyCollection<TState> states, TimeSpan? duration = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0)
        {
            throw new ArgumentException("WaitForStateAsync needs at least one state to wait for.", nameof(states));
        }

        if (timeout is { } t && t < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must not be negative.");
        }

        var source = Source;
        var accepted = states.ToArray();
        var hold = PositiveOrNull(duration);
        var holdTimer = new HoldTimer(_runtime.Time);
        var reached = new TaskCompletionSource<TState>(TaskCreationOptions.RunContinuationsAsynchronously);
        var wanted = string.Join(", ", accepted.Select(s => s?.ToString() ?? "null"));

        void Evaluate(EntityState? state, TimeSpan remaining)
        {
            var value = entity.ParseState(state);
            if (!accepted.Contains(value))
            {
                return;
            }

            if (remaining <= TimeSpan.Zero)
            {
                reached.TrySetResult(value);
            }
            else
            {
                holdTimer.Start(remaining, () => reached.TrySetResult(value));
            }
        }

        var registration = _runtime.Register(CallbackKind.State, $"WaitForState({entity.Value})", $"{entity.Value} in [{wanted}]", _ =>
        {
            var subscription = source.SubscribeEntity(entity.Value, (oldState, newState) =>
            {
                if (string.Equals(oldState?.State, newState?.State, StringComparison.Ordinal))
                {
                    return;
                }

                holdTimer.Cancel();
                Evaluate(newState, hold ?? TimeSpan.Zero);
            });
            return Disposable.Create(() =>
            {
                subscription.Dispose();
                holdTimer.Dispose();
                reached.TrySetCanceled();
            });
        });

        try
        {
            var current = source.GetState(entity.Value);
            var held = current is null ? TimeSpan.Zero : _runtime.Time.GetUtcNow() - current.LastChanged;
            Evaluate(current, (hold ?? TimeSpan.Zero) - (held < TimeSpan.Zero ? TimeSpan.Zero : held));

            using var timeoutSource = timeout is { } limit ? new CancellationTokenSource(limit, _runtime.Time) : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _runtime.Stopping, timeoutSource.Token);
            try
            {
                return await reached.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !_runtime.Stopping.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"{entity.Value} did not reach [{wanted}]{(hold is { } h ? $" for {h}" : string.Empty)} within {timeout}; its current state is '{source.GetState(entity.Value)?.State ?? "(none)"}'.");
            }
        }
        finally
        {
            registration.Deactivate();
            _runtime.Callbacks.Remove(registration.Id);
        }
    }

    /// <summary>
    /// The engine of state and attribute listeners: change detection, New/Old filters, the Duration hold, Immediate and
    /// OneShot. Handlers run on the Home Assistant dispatch thread (or a timer thread) and only queue work.
    /// </summary>
    private CallbackId ListenEntity<TValue, TChange>(
        CallbackKind kind,
        string? name,
        string description,
        string entityId,
        Func<EntityState?, EntityState?, bool> isChange,
        Func<EntityState?, TValue> value,
        StateListenOptions options,
        StateFilter<TValue>? newFilter,
        StateFilter<TValue>? oldFilter,
        Func<EntityState?, EntityState?, TChange> makeChange,
        Func<TChange, CancellationToken, Task> callback)
    {
        var source = Source;
        var hold = PositiveOrNull(options.Duration);
        var holdTimer = hold is null ? null : new HoldTimer(_runtime.Time);
        var oneShot = options.OneShot;

        void Fire(CallbackRegistration reg, EntityState? oldState, EntityState? newState)
        {
            var change = makeChange(oldState, newState);
            if (holdTimer is null)
            {
                Deliver(reg, oneShot, ct => callback(change, ct));
            }
            else
            {
                holdTimer.Start(hold!.Value, () => Deliver(reg, oneShot, ct => callback(change, ct)));
            }
        }

        var registration = _runtime.Register(kind, name, description, reg =>
        {
            var subscription = source.SubscribeEntity(entityId, (oldState, newState) =>
            {
                if (!isChange(oldState, newState))
                {
                    return;
                }

                holdTimer?.Cancel();
                if (Passes(reg, newFilter, value, newState) && Passes(reg, oldFilter, value, oldState))
                {
                    Fire(reg, oldState, newState);
                }
            });
            return holdTimer is null ? subscription : StableCompositeDisposable.Create(subscription, holdTimer);
        });

        if (options.Immediate)
        {
            var current = source.GetState(entityId);
            if (Passes(registration, newFilter, value, current))
            {
                Fire(registration, null, current);
            }
        }

        return registration.Id;
    }

    private bool Passes<TValue>(CallbackRegistration registration, StateFilter<TValue>? filter, Func<EntityState?, TValue> value, EntityState? state)
    {
        if (filter is null)
        {
            return true;
        }

        try
        {
            return filter.Matches(value(state));
        }
        catch (Exception ex)
        {
            // A filter runs on the Home Assistant dispatch thread; it must not take that thread down.
            _runtime.Logger.LogError(ex, "App {App}: filter of listener {Callback} threw {ExceptionType}: {Message}; treating it as no match.", _runtime.AppName, registration.Name, ex.GetType().Name, ex.Message);
            return false;
        }
    }

    private bool EventMatches(CallbackRegistration registration, HassEvent e, (string Key, JsonElement Value)[]? data, Func<HassEvent, bool>? where)
    {
        if (data is { Length: > 0 })
        {
            if (e.Data.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var (key, expected) in data)
            {
                if (!e.Data.TryGetProperty(key, out var actual) || !JsonElement.DeepEquals(actual, expected))
                {
                    return false;
                }
            }
        }

        if (where is null)
        {
            return true;
        }

        try
        {
            return where(e);
        }
        catch (Exception ex)
        {
            _runtime.Logger.LogError(ex, "App {App}: event filter of listener {Callback} threw {ExceptionType}: {Message}; treating it as no match.", _runtime.AppName, registration.Name, ex.GetType().Name, ex.Message);
            return false;
        }
    }

    private void Deliver(CallbackRegistration registration, bool oneShot, Func<CancellationToken, Task> work)
    {
        if (oneShot)
        {
            // Deactivate before queueing so a burst of changes delivers exactly one call.
            if (!registration.Deactivate())
            {
                return;
            }

            _runtime.Dispatcher.PostUnchecked(registration, work);
            return;
        }

        _runtime.Post(registration, work);
    }

    private static TimeSpan? PositiveOrNull(TimeSpan? duration) => duration is { } d && d > TimeSpan.Zero ? d : null;

    private static string Describe<TValue>(string target, StateListenOptions<TValue> options)
    {
        var parts = new List<string> { target };
        if (options.Old is not null)
        {
            parts.Add($"old {options.Old}");
        }

        if (options.New is not null)
        {
            parts.Add($"new {options.New}");
        }

        if (PositiveOrNull(options.Duration) is { } d)
        {
            parts.Add($"for {d}");
        }

        return string.Join(' ', parts);
    }

    private static JsonElement? Attribute(EntityState? state, string attribute)
        => state is not null && state.Attributes.TryGetValue(attribute, out var value) ? value : null;

    private static bool JsonEquals(JsonElement? a, JsonElement? b)
        => a is null ? b is null : b is not null && JsonElement.DeepEquals(a.Value, b.Value);
}
