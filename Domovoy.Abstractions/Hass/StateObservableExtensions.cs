using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace Domovoy.Abstractions;

/// <summary>Rx helpers for state-change streams such as <see cref="IHassPlugin.StateChanges{TState}"/>.</summary>
public static class StateObservableExtensions
{
    /// <summary>
    /// Emits a change once its new state has satisfied <paramref name="predicate"/> for <paramref name="duration"/>
    /// without another change in between (AppDaemon's <c>duration</c>, NetDaemon's <c>WhenStateIsFor</c>).
    /// </summary>
    /// <typeparam name="TState">The entity's state type.</typeparam>
    /// <param name="changes">The state changes.</param>
    /// <param name="predicate">The condition on the new state.</param>
    /// <param name="duration">How long it must hold.</param>
    /// <param name="scheduler">The clock; pass the app's <see cref="ITimePlugin.Scheduler"/>.</param>
    /// <returns>The changes that held.</returns>
    public static IObservable<StateChange<TState>> WhenStateIsFor<TState>(this IObservable<StateChange<TState>> changes, Func<TState, bool> predicate, TimeSpan duration, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(scheduler);
        return changes
            .Select(change => predicate(change.New)
                ? Observable.Timer(duration, scheduler).Select(_ => change)
                : Observable.Empty<StateChange<TState>>())
            .Switch();
    }
}
