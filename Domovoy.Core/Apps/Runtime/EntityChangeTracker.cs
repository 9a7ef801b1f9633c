using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>
/// Change detection of one entity subscription. The source's handler only stamps and queues each update; on the
/// subscription's order the tracker compares it with the state the app saw last, skips states the app's
/// <see cref="AppRuntime.StateMask"/> hides, and passes on only real changes.
/// </summary>
internal sealed class EntityChangeTracker
{
    private readonly Lock _gate = new();
    private readonly string _entityId;
    private readonly Func<EntityState?, EntityState?, bool> _isChange;
    private readonly IEntityStateMask? _mask;
    private EntityState? _last;

    private EntityChangeTracker(string entityId, Func<EntityState?, EntityState?, bool> isChange, IEntityStateMask? mask)
    {
        _entityId = entityId;
        _isChange = isChange;
        _mask = mask;
    }

    /// <summary>A state change: the state text differs (attribute-only updates are not state changes).</summary>
    public static bool StateDiffers(EntityState? oldState, EntityState? newState)
        => !string.Equals(oldState?.State, newState?.State, StringComparison.Ordinal);

    /// <summary>
    /// Subscribes <paramref name="subscription"/> to <paramref name="entityId"/>: every change that
    /// <paramref name="isChange"/> accepts reaches <paramref name="onChange"/> on the subscription's order.
    /// </summary>
    /// <returns>What unsubscribes from the source.</returns>
    public static IDisposable Connect(AppSubscription subscription, IHassEventSource source, string entityId, Func<EntityState?, EntityState?, bool> isChange, Func<EntityChange, CancellationToken, Task> onChange)
    {
        var tracker = new EntityChangeTracker(entityId, isChange, subscription.Runtime.StateMask);
        var time = subscription.Runtime.Time;
        var link = source.SubscribeEntity(entityId, (_, newState) =>
        {
            var observedAt = time.GetUtcNow();
            subscription.Enqueue(ct => tracker.TryAdvance(newState, out var oldState) ? onChange(new EntityChange(oldState, newState, observedAt), ct) : Task.CompletedTask);
        });
        tracker.Seed(source.GetState(entityId));
        return link;
    }

    private void Seed(EntityState? current)
    {
        lock (_gate)
        {
            _last = current is not null && _mask?.Hides(_entityId, current) == true ? null : current;
        }
    }

    private bool TryAdvance(EntityState? newState, out EntityState? oldState)
    {
        lock (_gate)
        {
            oldState = _last;
            if (newState is not null && _mask?.Hides(_entityId, newState) == true)
            {
                return false;
            }

            _last = newState;
            return _isChange(oldState, newState);
        }
    }
}
