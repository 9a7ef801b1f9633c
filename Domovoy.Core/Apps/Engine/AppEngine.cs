using System.Collections.Concurrent;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Lifecycle;
using Domovoy.Core.Apps.Api;
using Domovoy.Core.Apps.Registration;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Domovoy.Core.Apps.Engine;

/// <summary>
/// Owns every app instance, keyed by its unique name, and applies plugin versions as transactions: stop the plugin's
/// old apps, start the new ones, commit when all run, otherwise roll back to fresh instances of the previous version.
/// Work is serialized per plugin, never across the engine, so one plugin's stuck app cannot delay another plugin.
/// </summary>
internal sealed class AppEngine : IAppEngineControl, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _pluginGates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AppInstance> _apps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nameOwners = new(StringComparer.Ordinal);

    // The serving version's registrations by app name (also of apps without an instance: disabled, failed to create),
    // the apps switched off and each app's last start failure. Guarded by _apps; entries go when the name is released.
    private readonly Dictionary<string, AppRegistration> _registered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _disabled;
    private readonly Dictionary<string, AppError> _startFailures = new(StringComparer.Ordinal);
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly DomovoyOptions _options;
    private readonly TimeProvider _time;
    private readonly ILocationProvider? _location;
    private readonly IHassEventSource? _hassEvents;
    private readonly IAppHassFactory? _hassFactory;
    private readonly IAppStartGate? _hassReady;
    private readonly AppWatchdog _watchdog;
    private long _reloads;
    private long _failedReloads;
    private long _leakedVersions;
    private long _abandonedApps;
    private int _loadedPlugins;
    private long _nextInstanceId;
    private bool _stopped;

    public AppEngine(ILoggerFactory loggerFactory, IOptions<DomovoyOptions> options, TimeProvider time, ILocationProvider? location = null, IHassEventSource? hassEvents = null, IAppHassFactory? hassFactory = null, IAppStartGate? hassReady = null)
    {
        _location = location;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Domovoy.Engine");
        _options = options.Value;
        _time = time;
        _hassEvents = hassEvents;
        _hassFactory = hassFactory;
        _hassReady = hassReady;
        _disabled = new HashSet<string>(_options.DisabledApps, StringComparer.Ordinal);
        _watchdog = new AppWatchdog(time, _options.SlowCallbackThreshold);
    }

    /// <summary>Counts the apps' queued and running work, so a fake-clock driver can wait until every app is idle.</summary>
    public AppWorkTracker Work { get; } = new();

    /// <summary>Raised after an app started, failed, terminated or was abandoned.</summary>
    public event Action<AppLifecycleEvent>? LifecycleChanged;

    public IReadOnlyList<(string Name, string Plugin, AppStatus Status)> Snapshot()
    {
        lock (_apps)
        {
            return _apps.Values.Select(a => (a.Name, a.Registration.PluginName, a.Status)).ToArray();
        }
    }

    public void CountReload(bool succeeded)
    {
        if (succeeded)
        {
            Interlocked.Increment(ref _reloads);
        }
        else
        {
            Interlocked.Increment(ref _failedReloads);
        }
    }

    public void CountLeakedVersion() => Interlocked.Increment(ref _leakedVersions);

    public void SetLoadedPlugins(int count) => Volatile.Write(ref _loadedPlugins, count);

    /// <summary>
    /// Replaces all apps of <paramref name="pluginName"/> with <paramref name="registrations"/>. When a new app does not
    /// reach <c>running</c> and <paramref name="previous"/> (the running version's registrations, still loaded) is given,
    /// the new apps are stopped and fresh instances of <paramref name="previous"/> are started instead.
    /// </summary>
    public async Task<PluginSwapResult> ApplyPluginAsync(string pluginName, IReadOnlyList<AppRegistration> registrations, CancellationToken cancellationToken, IReadOnlyList<AppRegistration>? previous = null)
    {
        var gate = GateOf(pluginName);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var accepted = Accept(pluginName, registrations, out var conflicts);
            if (conflicts.Count > 0 && previous is not null)
            {
                // Validation, before anything stops: a reload that would lose an app to a name conflict is not applied.
                ReleaseNamesExcept(pluginName, previous);
                return new PluginSwapResult(false, false, RunningApps(pluginName), conflicts, []);
            }

            var abandoned = new List<AppStopOutcome>(await StopAppsAsync(AppsOf(pluginName), reloading: accepted).ConfigureAwait(false));
            var failures = await StartAppsAsync(accepted, cancellationToken).ConfigureAwait(false);
            if (failures.Count == 0 || previous is null || _stopped)
            {
                ReleaseNamesExcept(pluginName, accepted);
                return new PluginSwapResult(failures.Count == 0, false, RunningApps(pluginName), failures, abandoned);
            }

            // Roll back: the new version cannot serve; the previous one (still loaded) can.
            abandoned.AddRange(await StopAppsAsync(AppsOf(pluginName), reloading: []).ConfigureAwait(false));
            var restored = Accept(pluginName, previous, out _);
            ReleaseNamesExcept(pluginName, restored);
            await WaitForHomeAssistantAsync(pluginName, cancellationToken).ConfigureAwait(false);
            var rollbackFailures = await StartAppsAsync(restored, cancellationToken).ConfigureAwait(false);
            foreach (var failure in rollbackFailures)
            {
                EngineLog.RollbackAppFailed(_logger, pluginName, failure.AppName, failure.Reason);
            }

            return new PluginSwapResult(false, true, RunningApps(pluginName), failures, abandoned);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Waits (bounded by <see cref="DomovoyOptions.HassReadyTimeout"/>) until Home Assistant is connected and
    /// synchronized, so apps start with a live connection. Returns false when it did not become ready in time.
    /// </summary>
    public async Task<bool> WaitForHomeAssistantAsync(string pluginName, CancellationToken cancellationToken)
    {
        if (_hassReady is null || _hassReady.IsReady)
        {
            return true;
        }

        EngineLog.WaitingForHomeAssistant(_logger, pluginName, _options.HassReadyTimeout.TotalSeconds);
        try
        {
            await _hassReady.WaitUntilReadyAsync(cancellationToken).WaitAsync(_options.HassReadyTimeout, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The gate reports a permanent failure (e.g. a rejected token); the caller decides what that means.
            return false;
        }
    }

    /// <summary>Finalizes and removes every app of a plugin (its folder was deleted).</summary>
    public async Task<IReadOnlyList<AppStopOutcome>> RemovePluginAsync(string pluginName)
    {
        var gate = GateOf(pluginName);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var abandoned = await StopAppsAsync(AppsOf(pluginName), reloading: []).ConfigureAwait(false);
            ReleaseNamesExcept(pluginName, []);
            return abandoned;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Stops every app at once (host shutdown), each within the finalize deadline, without waiting for any plugin's
    /// work in progress. No app starts afterwards. Returns every app's outcome.
    /// </summary>
    public async Task<IReadOnlyList<AppStopOutcome>> StopAllAsync()
    {
        AppInstance[] all;
        lock (_apps)
        {
            _stopped = true;
            all = _apps.Values.ToArray();
        }

        return await Task.WhenAll(all.Select(StopAsync)).ConfigureAwait(false);
    }

    public EngineStats GetStats()
    {
        lock (_apps)
        {
            var perStatus = Enum.GetValues<AppStatus>().ToDictionary(s => s, s => _apps.Values.Count(a => a.Status == s));
            var disabled = _registered.Keys.Count(n => _disabled.Contains(n) && !_apps.ContainsKey(n));
            perStatus[AppStatus.Disabled] += disabled;
            return new EngineStats(_apps.Count + disabled, perStatus, Volatile.Read(ref _loadedPlugins), Interlocked.Read(ref _reloads), Interlocked.Read(ref _failedReloads), Interlocked.Read(ref _leakedVersions), Interlocked.Read(ref _abandonedApps));
        }
    }

    public IReadOnlyList<AppInfo> GetApps()
    {
        AppInstance[] all;
        lock (_apps)
        {
            all = _apps.Values.ToArray();
        }

        return all.OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => AppInfoBuilder.Build(a.Registration, a.Id, a.Runtime))
            .ToArray();
    }

    /// <summary>The names of the apps switched off by the operator (registered or not), sorted.</summary>
    public IReadOnlyList<string> DisabledApps
    {
        get
        {
            lock (_apps)
            {
                return _disabled.Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>
    /// Every registered app with its status and figures, sorted by name: running instances, and registered apps without
    /// one (disabled, or failed before an instance existed).
    /// </summary>
    public IReadOnlyList<AppStatusView> GetStatusViews()
    {
        lock (_apps)
        {
            return _registered.Values.Select(ViewOf).Concat(_apps.Values.Where(a => !_registered.ContainsKey(a.Name)).Select(a => ViewOf(a.Registration)))
                .OrderBy(v => v.Name, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>
    /// Stops the app's instance (if any) and starts a new one from the serving version's registration, waiting for
    /// both (bounded by the finalize and initialize timeouts). Other apps, also of the same plugin, are not touched.
    /// </summary>
    public async Task<AppControlResult> RestartAppAsync(string appName, CancellationToken cancellationToken)
    {
        return await ControlAsync(appName, async registration =>
        {
            if (IsDisabled(appName))
            {
                return AppControlResult.Disabled;
            }

            EngineLog.ReloadingApp(_logger, appName);
            await StopByNameAsync(appName).ConfigureAwait(false);
            await StartAppsAsync([registration], cancellationToken).ConfigureAwait(false);
            return AppControlResult.Done;
        }).ConfigureAwait(false);
    }

    /// <summary>Switches the app off: it is stopped (within the finalize deadline) and not started again until enabled.</summary>
    public async Task<AppControlResult> DisableAppAsync(string appName)
    {
        return await ControlAsync(appName, async _ =>
        {
            lock (_apps)
            {
                _disabled.Add(appName);
            }

            EngineLog.AppDisabled(_logger, appName);
            await StopByNameAsync(appName).ConfigureAwait(false);
            return AppControlResult.Done;
        }).ConfigureAwait(false);
    }

    /// <summary>Switches the app on again and starts it (a no-op start when it already runs).</summary>
    public async Task<AppControlResult> EnableAppAsync(string appName, CancellationToken cancellationToken)
    {
        return await ControlAsync(appName, async registration =>
        {
            bool wasDisabled;
            lock (_apps)
            {
                wasDisabled = _disabled.Remove(appName);
            }

            EngineLog.AppEnabled(_logger, appName);
            if (wasDisabled || Instance(appName) is null)
            {
                await StartAppsAsync([registration], cancellationToken).ConfigureAwait(false);
            }

            return AppControlResult.Done;
        }).ConfigureAwait(false);
    }

    public AppInfo GetApp(AppRuntime runtime, AppRegistration registration)
    {
        long instanceId;
        lock (_apps)
        {
            instanceId = _apps.Values.FirstOrDefault(a => ReferenceEquals(a.Runtime, runtime))?.Id ?? 0;
        }

        return AppInfoBuilder.Build(registration, instanceId, runtime);
    }

    /// <summary>
    /// Restarts the app instance that owns <paramref name="requester"/> (Restart App). A request from an instance that is
    /// no longer the running one (stopped, abandoned or replaced by a reload) is ignored.
    /// </summary>
    public void RequestRestart(AppRuntime requester)
    {
        _ = Task.Run(async () =>
        {
            var current = Find(requester);
            if (current is null)
            {
                EngineLog.StaleRestartIgnored(_logger, requester.AppName);
                return;
            }

            var gate = GateOf(current.Registration.PluginName);
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_stopped || Find(requester) is null)
                {
                    return;
                }

                EngineLog.ReloadingApp(_logger, current.Name);
                await StopAsync(current).ConfigureAwait(false);
                await StartAppsAsync([current.Registration], CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                EngineLog.RestartFailed(_logger, ex, current.Name, ex.Message);
            }
            finally
            {
                gate.Release();
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync().ConfigureAwait(false);
        _watchdog.Dispose();
    }

    /// <summary>The registered instance whose runtime is <paramref name="runtime"/>, if it is still the one under its name.</summary>
    private AppInstance? Find(AppRuntime runtime)
    {
        lock (_apps)
        {
            return _apps.TryGetValue(runtime.AppName, out var app) && ReferenceEquals(app.Runtime, runtime) && app.Status is AppStatus.Running or AppStatus.Failed ? app : null;
        }
    }

    private SemaphoreSlim GateOf(string pluginName) => _pluginGates.GetOrAdd(pluginName, _ => new SemaphoreSlim(1, 1));

    private bool IsDisabled(string appName)
    {
        lock (_apps)
        {
            return _disabled.Contains(appName);
        }
    }

    private AppInstance? Instance(string appName)
    {
        lock (_apps)
        {
            return _apps.GetValueOrDefault(appName);
        }
    }

    /// <summary>Runs an operator's action on a registered app under its plugin's gate (never beside a reload of it).</summary>
    private async Task<AppControlResult> ControlAsync(string appName, Func<AppRegistration, Task<AppControlResult>> action)
    {
        AppRegistration? registration;
        lock (_apps)
        {
            registration = _registered.GetValueOrDefault(appName);
        }

        if (registration is null)
        {
            return AppControlResult.NotFound;
        }

        var gate = GateOf(registration.PluginName);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (_apps)
            {
                if (_stopped)
                {
                    return AppControlResult.Stopping;
                }

                // A reload may have replaced the registration while this waited for the gate.
                registration = _registered.GetValueOrDefault(appName);
            }

            return registration is null ? AppControlResult.NotFound : await action(registration).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task StopByNameAsync(string appName)
    {
        if (Instance(appName) is { } running)
        {
            await StopAsync(running).ConfigureAwait(false);
        }
    }

    /// <summary>The view of one registered app; called under the _apps lock.</summary>
    private AppStatusView ViewOf(AppRegistration registration)
    {
        var failure = _startFailures.GetValueOrDefault(registration.AppName);
        if (!_apps.TryGetValue(registration.AppName, out var app))
        {
            var status = _disabled.Contains(registration.AppName) ? AppStatus.Disabled : failure is not null ? AppStatus.Failed : AppStatus.Terminated;
            return new AppStatusView(registration.AppName, registration.AppType.Name, registration.AppType.Namespace, registration.PluginName, registration.PluginVersion, status, failure?.At, 0, failure, [], 0, 0, 0, 0, registration.Config);
        }

        var runtime = app.Runtime;
        var callbacks = runtime.Callbacks.Snapshot();
        var callbackError = callbacks.Where(c => c.LastError is not null).MaxBy(c => c.LastError);
        var lastError = callbackError is not null && (failure is null || callbackError.LastError > failure.At)
            ? new AppError(callbackError.LastError!.Value, $"{callbackError.Name}: {callbackError.LastErrorMessage}")
            : failure;
        return new AppStatusView(app.Name, app.Registration.AppType.Name, app.Registration.AppType.Namespace, app.Registration.PluginName, app.Registration.PluginVersion, runtime.Status, runtime.StatusSince, app.Id, lastError, callbacks, runtime.Dispatcher.Length, runtime.Dispatcher.Capacity, runtime.Dispatcher.Processed, runtime.Dispatcher.Dropped, app.Registration.Config);
    }

    /// <summary>Reserves the names of <paramref name="registrations"/> for the plugin; names another plugin owns are rejected.</summary>
    private List<AppRegistration> Accept(string pluginName, IReadOnlyList<AppRegistration> registrations, out List<AppStartFailure> conflicts)
    {
        var accepted = new List<AppRegistration>(registrations.Count);
        conflicts = [];
        foreach (var registration in registrations)
        {
            string? owner;
            lock (_apps)
            {
                if (!_nameOwners.TryGetValue(registration.AppName, out owner) || owner == pluginName)
                {
                    _nameOwners[registration.AppName] = pluginName;
                    owner = null;
                }
            }

            if (owner is null)
            {
                accepted.Add(registration);
            }
            else
            {
                // Names are unique across plugins: the app that was there first keeps running.
                EngineLog.NameConflict(_logger, registration.AppName, pluginName, owner);
                conflicts.Add(new AppStartFailure(registration.AppName, $"the name is already used by plugin '{owner}'"));
            }
        }

        return accepted;
    }

    private void ReleaseNamesExcept(string pluginName, IReadOnlyCollection<AppRegistration> kept)
    {
        lock (_apps)
        {
            foreach (var name in _nameOwners.Where(p => p.Value == pluginName && !kept.Any(r => r.AppName == p.Key)).Select(p => p.Key).ToArray())
            {
                _nameOwners.Remove(name);
                _startFailures.Remove(name);
            }

            foreach (var name in _registered.Where(p => p.Value.PluginName == pluginName && !kept.Any(r => r.AppName == p.Key)).Select(p => p.Key).ToArray())
            {
                _registered.Remove(name);
            }
        }
    }

    private AppInstance[] AppsOf(string pluginName)
    {
        lock (_apps)
        {
            return _apps.Values.Where(a => string.Equals(a.Registration.PluginName, pluginName, StringComparison.Ordinal)).ToArray();
        }
    }

    /// <summary>How many apps of the plugin are running now.</summary>
    public int RunningApps(string pluginName) => AppsOf(pluginName).Count(a => a.Status == AppStatus.Running);

    /// <summary>Stops apps in parallel, each within the finalize deadline; returns those that were abandoned.</summary>
    private async Task<IReadOnlyList<AppStopOutcome>> StopAppsAsync(IReadOnlyCollection<AppInstance> apps, IReadOnlyCollection<AppRegistration> reloading)
    {
        foreach (var app in apps.Where(a => reloading.Any(r => r.AppName == a.Name)))
        {
            EngineLog.ReloadingApp(_logger, app.Name);
        }

        var outcomes = await Task.WhenAll(apps.Select(StopAsync)).ConfigureAwait(false);
        return outcomes.Where(o => o.Abandoned).ToArray();
    }

    private async Task<AppStopOutcome> StopAsync(AppInstance app)
    {
        var outcome = await app.TerminateAsync().ConfigureAwait(false);
        lock (_apps)
        {
            if (_apps.TryGetValue(app.Name, out var current) && ReferenceEquals(current, app))
            {
                _apps.Remove(app.Name);
            }
        }

        if (outcome.Abandoned)
        {
            Interlocked.Increment(ref _abandonedApps);
        }

        Raise(app, outcome.Abandoned ? AppStatus.Abandoned : AppStatus.Terminated);
        return outcome;
    }

    /// <summary>Starts apps in parallel; returns those that did not reach running.</summary>
    private async Task<IReadOnlyList<AppStartFailure>> StartAppsAsync(IReadOnlyList<AppRegistration> registrations, CancellationToken cancellationToken)
    {
        AppRegistration[] enabled;
        lock (_apps)
        {
            foreach (var registration in registrations)
            {
                _registered[registration.AppName] = registration;
            }

            // A disabled app stays registered (listed as disabled) but is not started, on reloads and rollbacks too.
            enabled = registrations.Where(r => !_disabled.Contains(r.AppName)).ToArray();
        }

        var failures = await Task.WhenAll(enabled.Select(r => StartAsync(r, cancellationToken))).ConfigureAwait(false);
        return failures.OfType<AppStartFailure>().ToArray();
    }

    private async Task<AppStartFailure?> StartAsync(AppRegistration registration, CancellationToken cancellationToken)
    {
        AppInstance instance;
        try
        {
            instance = await CreateAsync(registration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception caught) when (caught is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The factory constructs through reflection (new()): report the constructor's own exception.
            var ex = caught is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : caught;
            var reason = ex is TimeoutException
                ? $"creating {registration.AppType.Name} did not finish within {_options.InitializeTimeout.TotalSeconds} s"
                : $"creating {registration.AppType.Name} threw {ex.GetType().Name}: {ex.Message}";
            EngineLog.CreateFailed(_logger, ex is TimeoutException ? null : ex, registration.AppName, reason);
            return RecordFailure(registration.AppName, reason);
        }

        lock (_apps)
        {
            if (!_stopped)
            {
                _apps[registration.AppName] = instance;
            }
        }

        if (_stopped)
        {
            await instance.TerminateAsync().ConfigureAwait(false);
            return new AppStartFailure(registration.AppName, "the host is stopping");
        }

        var failure = await instance.InitializeAsync(cancellationToken).ConfigureAwait(false);
        Raise(instance, failure is null ? AppStatus.Running : AppStatus.Failed);
        return failure is null ? null : RecordFailure(registration.AppName, failure);
    }

    private AppStartFailure RecordFailure(string appName, string reason)
    {
        lock (_apps)
        {
            _startFailures[appName] = new AppError(_time.GetUtcNow(), reason);
        }

        return new AppStartFailure(appName, reason);
    }

    /// <summary>Warns about entity ids in the app's config that Home Assistant does not have (skipped without Home Assistant).</summary>
    private IReadOnlyList<string> CheckConfigEntities(AppRegistration registration)
    {
        var ids = _hassEvents?.GetAllIds();
        if (ids is null || ids.Count == 0)
        {
            return [];
        }

        var known = ids.ToHashSet(StringComparer.Ordinal);
        var warnings = ConfigEntityChecker.Check(registration.Config, known.Contains, ids);
        foreach (var warning in warnings)
        {
            EngineLog.UnknownConfigEntity(_logger, registration.AppName, warning);
        }

        return warnings;
    }

    /// <summary>
    /// Constructs the app (its constructor is user code: bounded by the initialize timeout, run off the caller's thread)
    /// and only then its runtime, so a constructor that throws leaves no queue or timer behind.
    /// </summary>
    private async Task<AppInstance> CreateAsync(AppRegistration registration, CancellationToken cancellationToken)
    {
        var app = await Task.Run(registration.Factory, CancellationToken.None).WaitAsync(_options.InitializeTimeout, _time, cancellationToken).ConfigureAwait(false);
        var logger = _loggerFactory.CreateLogger(registration.DisplayName);
        var runtime = new AppRuntime(registration.AppName, logger, _time, _options, Work, _watchdog);
        try
        {
            var meta = new AppMeta(runtime, this, registration);
            var hass = _hassFactory?.Create(runtime);
            var context = new Api.AppContext(
                logger,
                registration.Config,
                meta,
                new AppCallbacks(runtime, _hassEvents, _location),
                hass,
                new AppServEnts(runtime, hass, _hassEvents, meta, registration.AppType.Namespace, registration.AppType.Name, _options.ServEntCreationTimeout),
                new AppTime(runtime, _location),
                new AppUtils(runtime));
            runtime.ConfigWarnings = CheckConfigEntities(registration);
            return new AppInstance(Interlocked.Increment(ref _nextInstanceId), registration, app, runtime, context, _logger, _options, _time);
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Raise(AppInstance app, AppStatus status)
    {
        try
        {
            LifecycleChanged?.Invoke(new AppLifecycleEvent(app.Name, app.Registration.PluginName, status, app.Id));
        }
        catch (Exception ex)
        {
            EngineLog.ObserverThrew(_logger, ex, app.Name);
        }
    }
}
