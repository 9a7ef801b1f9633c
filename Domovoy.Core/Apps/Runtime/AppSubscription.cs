using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>
/// The one way an app subscribes to anything (Home Assistant states, events and triggers, ServEnts buttons, timers, Rx
/// streams). Whatever feeds it (the Home Assistant reader thread, a timer thread) only calls <see cref="Enqueue"/>;
/// filters, parsing, change detection and the app's callback all run later, one at a time, on the app's queue.
/// </summary>
/// <remarks>
/// Guarantees: a step queued before <see cref="End"/> (or <c>Cancel(id)</c>, or the app's stop) does not run; a
/// one-shot subscription ends before its callback runs, so it runs at most once; an ended subscription has left the
/// app's callback registry (so <c>Meta.GetCallbacks()</c> lists only callbacks that can still fire) and its source is
/// disposed. A subscription created with <c>ownOrder</c> (used by waits that an app callback awaits, which would
/// deadlock on the app's queue) runs its steps in order on the thread pool instead.
/// </remarks>
internal sealed class AppSubscription
{
    private readonly bool _oneShot;
    private readonly bool _ownOrder;
    private readonly Lock _orderGate = new();
    private Task _tail = Task.CompletedTask;

    public AppSubscription(AppRuntime runtime, CallbackRegistration registration, bool oneShot, bool ownOrder)
    {
        Runtime = runtime;
        Registration = registration;
        _oneShot = oneShot;
        _ownOrder = ownOrder;
    }

    public AppRuntime Runtime { get; }

    public CallbackRegistration Registration { get; }

    public CallbackId Id => Registration.Id;

    /// <summary>False once ended (cancelled, fired as a one-shot, finished, or the app stopped).</summary>
    public bool IsLive => Registration.IsActive;

    /// <summary>
    /// Queues <paramref name="step"/>; it runs only if the subscription is still live when its turn comes. Safe from
    /// any thread and never blocks. Returns false when the subscription has ended or the app's queue refused it.
    /// </summary>
    public bool Enqueue(Func<CancellationToken, Task> step)
    {
        if (!IsLive)
        {
            return false;
        }

        if (!_ownOrder)
        {
            return Runtime.Dispatcher.Post(Registration, step);
        }

        lock (_orderGate)
        {
            _tail = _tail.ContinueWith(_ => RunOwnOrderAsync(step), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }

        return true;
    }

    /// <summary>
    /// Runs the app's callback from a step: counts the call, and ends a one-shot subscription first. Does nothing when
    /// the subscription ended in the meantime (e.g. <c>Cancel(id)</c> from another thread).
    /// </summary>
    public Task InvokeAsync(Func<CancellationToken, Task> callback, CancellationToken cancellationToken)
    {
        if (_oneShot ? !End() : !IsLive)
        {
            return Task.CompletedTask;
        }

        Registration.RecordCall(Runtime.Time.GetUtcNow());
        return callback(cancellationToken);
    }

    /// <summary>Ends the subscription: no further step runs, its source is disposed and it leaves the registry. Idempotent.</summary>
    /// <returns>True if this call ended it.</returns>
    public bool End() => Runtime.Callbacks.Cancel(Id);

    private async Task RunOwnOrderAsync(Func<CancellationToken, Task> step)
    {
        if (!IsLive)
        {
            return;
        }

        try
        {
            await step(Runtime.Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Runtime.Stopping.IsCancellationRequested)
        {
            // The app is stopping.
        }
        catch (Exception ex)
        {
            Registration.RecordError(Runtime.Time.GetUtcNow(), ex);
            RuntimeLog.CallbackThrew(Runtime.Logger, ex, Runtime.AppName, Registration.Name, ex.GetType().Name, ex.Message);
        }
    }
}
