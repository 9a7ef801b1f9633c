using Domovoy.Abstractions;
using Domovoy.Core.Apps.Registration;
using Domovoy.Core.Apps.Runtime;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Lifecycle;

/// <summary>
/// One app: created → initializing → running | failed → finalizing → terminated | abandoned. Every wait on app code is
/// bounded: InitializeAsync by the initialize timeout, stopping (running callback, background work and FinalizeAsync
/// together) by one finalize deadline. An app that misses a deadline is abandoned, never waited for.
/// </summary>
internal sealed class AppInstance
{
    private readonly AppBase _app;
    private readonly ILogger _hostLogger;
    private readonly DomovoyOptions _options;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private Task<AppStopOutcome>? _termination;

    public AppInstance(long id, AppRegistration registration, AppBase app, AppRuntime runtime, IAppContext context, ILogger hostLogger, DomovoyOptions options, TimeProvider time)
    {
        Id = id;
        Registration = registration;
        _app = app;
        Runtime = runtime;
        _hostLogger = hostLogger;
        _options = options;
        _time = time;
        app.Attach(context);
    }

    public long Id { get; }

    public AppRegistration Registration { get; }

    public AppRuntime Runtime { get; }

    public AppStatus Status => Runtime.Status;

    public string Name => Registration.AppName;

    /// <summary>
    /// Runs InitializeAsync on the app's queue, bounded by the initialize timeout. On failure the app is stopped (with
    /// the finalize deadline) and the reason is returned; null means the app is running.
    /// </summary>
    public async Task<string?> InitializeAsync(CancellationToken cancellationToken)
    {
        Runtime.Status = AppStatus.Initializing;
        _hostLogger.LogDebug("Calling InitializeAsync for {App}", Registration.DisplayName);
        var lifecycle = new CallbackRegistration(new CallbackId("lifecycle-initialize"), CallbackKind.Subscription, $"{Registration.AppType.Name}.InitializeAsync", "lifecycle");
        string reason;
        try
        {
            var initialize = Runtime.Dispatcher.RunAsync(lifecycle, ct => _app.InitializeAsync(ct));
            await initialize.WaitAsync(_options.InitializeTimeout, _time, cancellationToken).ConfigureAwait(false);
            Runtime.Status = AppStatus.Running;
            LifecycleLog.Initialized(_hostLogger, Name);
            return null;
        }
        catch (TimeoutException)
        {
            reason = $"InitializeAsync did not finish within {_options.InitializeTimeout.TotalSeconds} s";
            Runtime.Status = AppStatus.Failed;
            LifecycleLog.InitializeTimedOut(_hostLogger, Name, _options.InitializeTimeout.TotalSeconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            reason = "initialization was cancelled because the host is stopping";
            Runtime.Status = AppStatus.Failed;
            LifecycleLog.InitializeCancelled(_hostLogger, Name);
        }
        catch (Exception ex)
        {
            reason = $"InitializeAsync threw {ex.GetType().Name}: {ex.Message}";
            Runtime.Status = AppStatus.Failed;
            LifecycleLog.InitializeThrew(_hostLogger, ex, Name, ex.GetType().Name, ex.Message);
        }

        await TerminateAsync().ConfigureAwait(false);
        return reason;
    }

    /// <summary>
    /// Stops the app within one finalize deadline: cancels its callbacks, waits for the running one and for background
    /// work, then runs FinalizeAsync with what is left of the deadline. Idempotent: later calls share the first's outcome.
    /// </summary>
    public Task<AppStopOutcome> TerminateAsync()
    {
        lock (_gate)
        {
            return _termination ??= Task.Run(TerminateCoreAsync);
        }
    }

    private async Task<AppStopOutcome> TerminateCoreAsync()
    {
        var started = _time.GetTimestamp();
        var failed = Runtime.Status == AppStatus.Failed;
        var timeout = _options.FinalizeTimeout;
        string? abandonedBecause;
        if (await Runtime.StopCallbacksAsync(timeout).ConfigureAwait(false) is { } stuck)
        {
            // FinalizeAsync would run concurrently with the stuck callback, which apps are promised never happens.
            abandonedBecause = $"callback {stuck} did not return within {timeout.TotalSeconds} s of cancellation";
            LifecycleLog.CallbackAbandoned(_hostLogger, Name, stuck, timeout.TotalSeconds);
        }
        else
        {
            if (!failed)
            {
                Runtime.Status = AppStatus.Finalizing;
            }

            // Background work already runs beside callbacks, so FinalizeAsync and the wait for it share what is left.
            var remaining = timeout - _time.GetElapsedTime(started);
            if (remaining < TimeSpan.Zero)
            {
                remaining = TimeSpan.Zero;
            }

            var background = Runtime.WaitForBackgroundAsync(remaining, timeout);
            var finalize = await FinalizeAsync(remaining).ConfigureAwait(false);
            var stuckBackground = await background.ConfigureAwait(false);
            abandonedBecause = finalize ?? (stuckBackground.Count > 0
                ? $"background work {string.Join(", ", stuckBackground)} did not stop within {timeout.TotalSeconds} s of cancellation"
                : null);
        }

        Runtime.Status = abandonedBecause is not null ? AppStatus.Abandoned : failed ? AppStatus.Failed : AppStatus.Terminated;
        await Runtime.DisposeAsync().ConfigureAwait(false);
        if (abandonedBecause is null)
        {
            LifecycleLog.Terminated(_hostLogger, Name);
        }

        return new AppStopOutcome(Name, Registration.PluginName, abandonedBecause);
    }

    /// <returns>Why the app is abandoned (FinalizeAsync overran <paramref name="remaining"/>), or null.</returns>
    private async Task<string?> FinalizeAsync(TimeSpan remaining)
    {
        var timeout = _options.FinalizeTimeout;
        using var deadline = new CancellationTokenSource(remaining, _time);
        try
        {
            _hostLogger.LogDebug("Calling FinalizeAsync for {App}", Registration.DisplayName);

            // Task.Run: a FinalizeAsync that blocks before its first await must not block the caller past the deadline.
            await Task.Run(() => _app.FinalizeAsync(deadline.Token), CancellationToken.None).WaitAsync(remaining, _time).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && deadline.IsCancellationRequested))
        {
            LifecycleLog.FinalizeTimedOut(_hostLogger, Name, timeout.TotalSeconds);
            return $"FinalizeAsync did not finish within {timeout.TotalSeconds} s";
        }
        catch (Exception ex)
        {
            LifecycleLog.FinalizeThrew(_hostLogger, ex, Name, ex.GetType().Name, ex.Message);
            return null;
        }
    }
}
