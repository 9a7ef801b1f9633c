using Domovoy.Abstractions;
using Domovoy.Core.Apps.Plugins;
using Domovoy.Core.Apps.Registration;
using Domovoy.Core.Apps.Runtime;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Lifecycle;

/// <summary>
/// One running app: created → initializing → running | failed → finalizing → terminated. Its callbacks are cancelled
/// before FinalizeAsync, and FinalizeAsync is bounded by a timeout.
/// </summary>
internal sealed class AppInstance
{
    private readonly AppBase _app;
    private readonly ILogger _hostLogger;
    private readonly DomovoyOptions _options;
    private readonly TimeProvider _time;
    private int _terminating;

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

    /// <summary>Runs InitializeAsync on the app's queue. On failure (or timeout) the app is failed and finalized.</summary>
    public async Task<bool> InitializeAsync(CancellationToken cancellationToken)
    {
        Runtime.Status = AppStatus.Initializing;
        _hostLogger.LogDebug("Calling InitializeAsync for {App}", Registration.DisplayName);
        var lifecycle = new CallbackRegistration(new CallbackId("lifecycle-initialize"), CallbackKind.Subscription, $"{Registration.AppType.Name}.InitializeAsync", "lifecycle");
        try
        {
            var initialize = Runtime.Dispatcher.RunAsync(lifecycle, ct => _app.InitializeAsync(ct));
            await initialize.WaitAsync(_options.InitializeTimeout, _time, cancellationToken).ConfigureAwait(false);
            Runtime.Status = AppStatus.Running;
            _hostLogger.LogInformation("App {App} initialized", Name);
            return true;
        }
        catch (TimeoutException)
        {
            Runtime.Status = AppStatus.Failed;
            _hostLogger.LogError(
                "App {App} failed: InitializeAsync did not finish within {Timeout} s. Make it return once listeners and timers are set up (long work belongs in callbacks or Utils.RunInBackground).",
                Name, _options.InitializeTimeout.TotalSeconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Runtime.Status = AppStatus.Failed;
            _hostLogger.LogWarning("App {App}: initialization cancelled because the host is stopping.", Name);
        }
        catch (Exception ex)
        {
            Runtime.Status = AppStatus.Failed;
            _hostLogger.LogError(ex, "App {App} failed: InitializeAsync threw {ExceptionType}: {Message}", Name, ex.GetType().Name, ex.Message);
        }

        await TerminateAsync().ConfigureAwait(false);
        return false;
    }

    /// <summary>Cancels the app's callbacks, then runs FinalizeAsync (bounded by the finalize timeout). Idempotent.</summary>
    public async Task TerminateAsync()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 1)
        {
            return;
        }

        var failed = Runtime.Status == AppStatus.Failed;
        await Runtime.StopCallbacksAsync(_options.FinalizeTimeout).ConfigureAwait(false);
        if (!failed)
        {
            Runtime.Status = AppStatus.Finalizing;
        }

        using var timeout = new CancellationTokenSource(_options.FinalizeTimeout, _time);
        try
        {
            _hostLogger.LogDebug("Calling FinalizeAsync for {App}", Registration.DisplayName);
            await _app.FinalizeAsync(timeout.Token).WaitAsync(_options.FinalizeTimeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _hostLogger.LogWarning("App {App}: FinalizeAsync did not finish within {Timeout} s; moving on without it.", Name, _options.FinalizeTimeout.TotalSeconds);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            _hostLogger.LogWarning("App {App}: FinalizeAsync did not finish within {Timeout} s; moving on without it.", Name, _options.FinalizeTimeout.TotalSeconds);
        }
        catch (Exception ex)
        {
            _hostLogger.LogError(ex, "App {App}: FinalizeAsync threw {ExceptionType}: {Message}", Name, ex.GetType().Name, ex.Message);
        }

        if (!failed)
        {
            Runtime.Status = AppStatus.Terminated;
        }

        await Runtime.DisposeAsync().ConfigureAwait(false);
        _hostLogger.LogInformation("App {App} terminated", Name);
    }
}
