using System.Reactive.Disposables;
using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Api;

internal sealed partial class AppCallbacks
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
            isChange: EntityChangeTracker.StateDiffers,
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
        var data = options?.Data?.Select(pair => (pair.Key, Value: JsonSerializer.SerializeToElement(pair.Value))).ToArray();
        var where = options?.Where;
        var description = string.Join(", ", eventTypes) + (data is { Length: > 0 } ? $" where {string.Join(", ", data.Select(d => $"{d.Key}={d.Value.GetRawText()}"))}" : string.Empty);
        var subscription = _runtime.Subscribe(
            CallbackKind.Event,
            name,
            description,
            sub => source.SubscribeEvents(eventTypes, e => sub.Enqueue(ct => EventMatches(sub.Registration, e, data, where) ? sub.InvokeAsync(c => callback(e, c), ct) : Task.CompletedTask)),
            options?.OneShot ?? false);
        return subscription.Id;
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
        var hold = PositiveOrNull(duration) ?? TimeSpan.Zero;
        var holdTimer = new HoldTimer(_runtime.Time);
        var reached = new TaskCompletionSource<TState>(TaskCreationOptions.RunContinuationsAsynchronously);
        var wanted = string.Join(", ", accepted.Select(s => s?.ToString() ?? "null"));
        long changes = 0;

        // Runs in the subscription's own order: the caller is usually an app callback, which holds the app's queue.
        void Evaluate(AppSubscription sub, EntityState? state, TimeSpan remaining)
        {
            var value = entity.ParseState(state);
            if (!accepted.Contains(value))
            {
                return;
            }

            var mine = changes;
            AfterHold(holdTimer, remaining, sub, _ =>
            {
                if (mine == changes)
                {
                    reached.TrySetResult(value);
                }

                return Task.CompletedTask;
            });
        }

        var subscription = _runtime.Subscribe(
            CallbackKind.State,
            $"WaitForState({entity.Value})",
            $"{entity.Value} in [{wanted}]",
            sub =>
            {
                var link = EntityChangeTracker.Connect(sub, source, entity.Value, EntityChangeTracker.StateDiffers, (change, _) =>
                {
                    changes++;
                    holdTimer.Cancel();
                    Evaluate(sub, change.New, hold - (_runtime.Time.GetUtcNow() - change.ObservedAt));
                    return Task.CompletedTask;
                });
                return Disposable.Create(() =>
                {
                    link.Dispose();
                    holdTimer.Dispose();
                    reached.TrySetCanceled();
                });
            },
            ownOrder: true);

        try
        {
            subscription.Enqueue(_ =>
            {
                var current = source.GetState(entity.Value);
                var held = current is null ? TimeSpan.Zero : _runtime.Time.GetUtcNow() - current.LastChanged;
                Evaluate(subscription, current, hold - (held < TimeSpan.Zero ? TimeSpan.Zero : held));
                return Task.CompletedTask;
            });

            using var timeoutSource = timeout is { } limit ? new CancellationTokenSource(limit, _runtime.Time) : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _runtime.Stopping, timeoutSource.Token);
            try
            {
                return await reached.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !_runtime.Stopping.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"{entity.Value} did not reach [{wanted}]{(hold > TimeSpan.Zero ? $" for {hold}" : string.Empty)} within {timeout}; its current state is '{source.GetState(entity.Value)?.State ?? "(none)"}'.");
            }
        }
        finally
        {
            subscription.End();
        }
    }

    /// <summary>
    /// The engine of state and attribute listeners: New/Old filters, the Duration hold, Immediate and OneShot, on top
    /// of the subscription's change detection. Everything here runs on the app's queue; a hold counts from when the
    /// change reached the host, and a change queued before the hold elapsed still breaks it.
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
        long changes = 0;

        Task Fire(AppSubscription sub, EntityChange observed, CancellationToken cancellationToken)
        {
            var change = makeChange(observed.Old, observed.New);
            if (holdTimer is null)
            {
                return sub.InvokeAsync(ct => callback(change, ct), cancellationToken);
            }

            var mine = changes;
            AfterHold(holdTimer, hold!.Value - (_runtime.Time.GetUtcNow() - observed.ObservedAt), sub, ct => mine == changes ? sub.InvokeAsync(c => callback(change, c), ct) : Task.CompletedTask);
            return Task.CompletedTask;
        }

        var subscription = _runtime.Subscribe(
            kind,
            name,
            description,
            sub =>
            {
                var link = EntityChangeTracker.Connect(sub, source, entityId, isChange, (change, ct) =>
                {
                    changes++;
                    holdTimer?.Cancel();
                    return Passes(sub.Registration, newFilter, value, change.New) && Passes(sub.Registration, oldFilter, value, change.Old)
                        ? Fire(sub, change, ct)
                        : Task.CompletedTask;
                });
                return holdTimer is null ? link : StableCompositeDisposable.Create(link, holdTimer);
            },
            options.OneShot);

        if (options.Immediate)
        {
            var registeredAt = _runtime.Time.GetUtcNow();
            subscription.Enqueue(ct =>
            {
                var current = source.GetState(entityId);
                return Passes(subscription.Registration, newFilter, value, current) ? Fire(subscription, new EntityChange(null, current, registeredAt), ct) : Task.CompletedTask;
            });
        }

        return subscription.Id;
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
            // A throwing filter is the app's bug; it must not end the subscription.
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

    /// <summary>
    /// Queues <paramref name="step"/> once <paramref name="remaining"/> has passed (at once when it already has). It goes
    /// through the subscription's queue behind any change observed before, which is what may break the hold.
    /// </summary>
    private static void AfterHold(HoldTimer holdTimer, TimeSpan remaining, AppSubscription subscription, Func<CancellationToken, Task> step)
    {
        if (remaining <= TimeSpan.Zero)
        {
            subscription.Enqueue(step);
        }
        else
        {
            holdTimer.Start(remaining, () => subscription.Enqueue(step));
        }
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
