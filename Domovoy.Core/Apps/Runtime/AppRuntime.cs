using System.Collections.Concurrent;
using Domovoy.Abstractions;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>
/// The per-app plumbing every per-app API (Callbacks, Hass, ServEnts, …) builds on: the app's logger, clock, callback
/// registry and queue. The APIs wire what they listen to through <see cref="Subscribe"/>, which delivers on the app's
/// queue, so the host can cancel everything before finalize and callbacks never run concurrently.
/// </summary>
internal sealed class AppRuntime : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Task, string> _background = new();
    private readonly AppWorkTracker? _work;
    private readonly AppWatchdog? _ownWatchdog;
    private AppStatus _status = AppStatus.Created;

    /// <param name="work">When given, counts the app's queued callbacks and background work (see <see cref="AppWorkTracker"/>).</param>
    /// <param name="watchdog">The engine's shared watchdog; without one the app gets its own (a runtime made outside an engine).</param>
    public AppRuntime(string appName, ILogger logger, TimeProvider time, DomovoyOptions options, AppWorkTracker? work = null, AppWatchdog? watchdog = null)
    {
        _work = work;
        AppName = appName;
        Logger = logger;
        Time = time;
        TimeZone = options.TimeZone;
        MisfireGrace = options.MisfireGrace;
        if (watchdog is null)
        {
            _ownWatchdog = new AppWatchdog(time, options.SlowCallbackThreshold);
            watchdog = _ownWatchdog;
        }

        Dispatcher = new AppDispatcher(appName, logger, time, options.AppQueueCapacity, options.SlowCallbackThreshold, watchdog, work);
        StatusSince = time.GetUtcNow();
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

    /// <summary>The app's current status, set by its lifecycle; the APIs read it (e.g. call_service throws while initializing).</summary>
    public AppStatus Status
    {
        get => _status;
        set
        {
            _status = value;
            StatusSince = Time.GetUtcNow();
        }
    }

    /// <summary>When <see cref="Status"/> was last set (UTC, from the host's clock).</summary>
    public DateTimeOffset StatusSince { get; private set; }

    /// <summary>Config problems found when the app was created (see <c>ConfigEntityChecker</c>), shown in its <see cref="AppInfo"/>.</summary>
    public IReadOnlyList<string> ConfigWarnings { get; set; } = [];

    /// <summary>What the app must not see of its entities' states while they are re-synchronized (set by ServEnts).</summary>
    public IEntityStateMask? StateMask { get; set; }

    /// <summary>
    /// Creates a subscription (see <see cref="AppSubscription"/>) and lets <paramref name="connect"/> wire its source;
    /// what <paramref name="connect"/> returns is disposed when the subscription ends. If it throws, the subscription
    /// ends and leaves nothing registered.
    /// </summary>
    /// <exception cref="InvalidOperationException">The app is stopping.</exception>
    public AppSubscription Subscribe(CallbackKind kind, string? name, string description, Func<AppSubscription, IDisposable?> connect, bool oneShot = false, bool ownOrder = false)
    {
        var subscription = new AppSubscription(this, Callbacks.Add(kind, NormalizeName(name), description), oneShot, ownOrder);
        try
        {
            var source = connect(subscription);
            if (source is not null)
            {
                subscription.Registration.Attach(source);
            }
        }
        catch
        {
            subscription.End();
            throw;
        }

        return subscription;
    }

    /// <summary>
    /// Creates a registration and lets <paramref name="subscribe"/> wire it up; what it returns is disposed on cancel.
    /// </summary>
    public CallbackRegistration Register(CallbackKind kind, string? name, string description, Func<CallbackRegistration, IDisposable?> subscribe)
        => Subscribe(kind, name, description, s => subscribe(s.Registration)).Registration;

    /// <summary>Queues a callback of <paramref name="registration"/> on the app's queue; it counts as a call when it runs.</summary>
    public bool Post(CallbackRegistration registration, Func<CancellationToken, Task> work)
        => Dispatcher.Post(registration, ct =>
        {
            registration.RecordCall(Time.GetUtcNow());
            return work(ct);
        });

    /// <summary>Tracks background work so it can be awaited before finalize.</summary>
    public Task TrackBackground(Func<CancellationToken, Task> work, string? name)
    {
        var label = NormalizeName(name);
        _work?.Begin();
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
            finally
            {
                _work?.End();
            }
        });
        _background[task] = label;
        _ = task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>
    /// Cancels every registration (and with them the background work's token), stops the queue and waits up to
    /// <paramref name="timeout"/> for the running callback. Called before the app's FinalizeAsync.
    /// </summary>
    /// <returns>The callback that ignored its token past the deadline, or null when the queue stopped.</returns>
    public async Task<string?> StopCallbacksAsync(TimeSpan timeout)
    {
        Callbacks.CancelAll();
        var running = Dispatcher.RunningCallback;
        return await Dispatcher.StopAsync(timeout).ConfigureAwait(false) ? null : Dispatcher.RunningCallback ?? running ?? "callback";
    }

    /// <summary>Waits up to <paramref name="remaining"/> for cancelled background work to end.</summary>
    /// <param name="remaining">What is left of the app's stop deadline (not negative).</param>
    /// <param name="deadline">The whole stop deadline, for the log line.</param>
    /// <returns>The names of background work still running at the deadline (empty when all ended).</returns>
    public async Task<IReadOnlyList<string>> WaitForBackgroundAsync(TimeSpan remaining, TimeSpan deadline)
    {
        var pending = _background.Keys.ToArray();
        if (pending.Length == 0)
        {
            return [];
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(remaining, Time).ConfigureAwait(false);
            return [];
        }
        catch (TimeoutException)
        {
            var stuck = _background.Values.ToArray();
            RuntimeLog.BackgroundWorkAbandoned(Logger, AppName, string.Join(", ", stuck), deadline.TotalSeconds);
            return stuck;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Dispatcher.DisposeAsync().ConfigureAwait(false);
        _ownWatchdog?.Dispose();
    }

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
