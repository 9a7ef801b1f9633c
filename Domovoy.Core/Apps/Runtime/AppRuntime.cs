using System.Collections.Concurrent;
using Domovoy.Abstractions;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>
/// The per-app plumbing every plugin builds on: the app's logger, clock, callback registry and queue. Plugins register
/// what they subscribe to through <see cref="Register"/> and deliver callbacks through <see cref="Post"/>, so the host
/// can cancel everything before finalize and callbacks never run concurrently.
/// </summary>
internal sealed class AppRuntime : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Task, string> _background = new();

    public AppRuntime(string appName, ILogger logger, TimeProvider time, DomovoyOptions options)
    {
        AppName = appName;
        Logger = logger;
        Time = time;
        TimeZone = options.TimeZone;
        MisfireGrace = options.MisfireGrace;
        Dispatcher = new AppDispatcher(appName, logger, time, options.AppQueueCapacity, options.SlowCallbackThreshold);
    }

    public string AppName { get; }

    public ILogger Logger { get; }

    public TimeProvider Time { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The host's misfire grace for this app's schedules (<see cref="DomovoyOptions.MisfireGrace"/>).</summary>
    public TimeSpan MisfireGrace { get; }

    public CallbackRegistry Callbacks { get; } = new();

    public AppDispatcher Dispatcher { get; }

    /// <summary>Cancelled when the app starts stopping.</summary>
    public CancellationToken Stopping => Dispatcher.Stopping;

    /// <summary>The app's current status, set by its lifecycle; plugins read it (e.g. call_service throws while initializing).</summary>
    public AppStatus Status { get; set; } = AppStatus.Created;

    /// <summary>
    /// Creates a registration and lets <paramref name="subscribe"/> wire it up; what it returns is disposed on cancel.
    /// </summary>
    public CallbackRegistration Register(CallbackKind kind, string? name, string description, Func<CallbackRegistration, IDisposable?> subscribe)
    {
        var registration = Callbacks.Add(kind, NormalizeName(name), description);
        try
        {
            var subscription = subscribe(registration);
            if (subscription is not null)
            {
                registration.Attach(subscription);
            }
        }
        catch
        {
            registration.Deactivate();
            throw;
        }

        return registration;
    }

    /// <summary>Queues a callback of <paramref name="registration"/> on the app's queue.</summary>
    public bool Post(CallbackRegistration registration, Func<CancellationToken, Task> work)
        => Dispatcher.Post(registration, work);

    /// <summary>Tracks background work so it can be awaited before finalize.</summary>
    public Task TrackBackground(Func<CancellationToken, Task> work, string? name)
    {
        var label = NormalizeName(name);
        var task = Task.Run(async () =>
        {
            try
            {
                await work(Stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
            {
                // Stopping with the app is the expected end of background work.
            }
            catch (Exception ex)
            {
                Logger.LogError(ex, "App {App}: background work {Name} threw {ExceptionType}: {Message}", AppName, label, ex.GetType().Name, ex.Message);
            }
        });
        _background[task] = label;
        _ = task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>
    /// Cancels every registration, stops the queue and waits up to <paramref name="timeout"/> (one deadline for the
    /// running callback and the background work together). Called before the app's FinalizeAsync.
    /// </summary>
    /// <returns>What did not stop in time (nothing when the app stopped cleanly).</returns>
    public async Task<AppStopResult> StopCallbacksAsync(TimeSpan timeout)
    {
        Callbacks.CancelAll();
        var running = Dispatcher.RunningCallback;
        var queue = Dispatcher.StopAsync(timeout);
        var pending = _background.Keys.ToArray();
        var background = pending.Length == 0
            ? Task.FromResult(true)
            : Task.WhenAll(pending).WaitAsync(timeout, Time).ContinueWith(t => !t.IsFaulted && !t.IsCanceled, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var queueStopped = await queue.ConfigureAwait(false);
        var backgroundStopped = await background.ConfigureAwait(false);
        var stuckBackground = backgroundStopped ? [] : _background.Values.ToArray();
        if (stuckBackground.Length > 0)
        {
            RuntimeLog.BackgroundWorkAbandoned(Logger, AppName, string.Join(", ", stuckBackground), timeout.TotalSeconds);
        }

        return new AppStopResult(queueStopped ? null : Dispatcher.RunningCallback ?? running ?? "callback", stuckBackground);
    }

    public ValueTask DisposeAsync() => Dispatcher.DisposeAsync();

    private static string NormalizeName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "callback";
        }

        var flat = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 80 ? flat : string.Concat(flat.AsSpan(0, 77), "...");
    }
}
