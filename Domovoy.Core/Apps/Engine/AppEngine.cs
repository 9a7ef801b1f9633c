using Domovoy.Abstractions;
using Domovoy.Core.Apps.Lifecycle;
using Domovoy.Core.Apps.Plugins;
using Domovoy.Core.Apps.Registration;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Domovoy.Core.Apps.Engine;

/// <summary>
/// Owns every app instance, keyed by its unique name. Plugin versions are applied as a whole: the old apps of the plugin
/// are finalized, then the new ones initialized; apps of other plugins are never touched. All changes are serialized.
/// </summary>
internal sealed class AppEngine : IAppEngineControl, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, AppInstance> _apps = new(StringComparer.Ordinal);
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly DomovoyOptions _options;
    private readonly TimeProvider _time;
    private readonly ILocationProvider? _location;
    private readonly IHassEventSource? _hassEvents;
    private readonly IHassPluginFactory? _hassFactory;
    private long _reloads;
    private long _failedReloads;
    private long _leakedVersions;
    private int _loadedPlugins;
    private long _nextInstanceId;
    private bool _stopped;

    public AppEngine(ILoggerFactory loggerFactory, IOptions<DomovoyOptions> options, TimeProvider time, ILocationProvider? location = null, IHassEventSource? hassEvents = null, IHassPluginFactory? hassFactory = null)
    {
        _location = location;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Domovoy.Engine");
        _options = options.Value;
        _time = time;
        _hassEvents = hassEvents;
        _hassFactory = hassFactory;
    }

    /// <summary>Raised after an app started, failed or terminated.</summary>
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

    /// <summary>Replaces all apps of <paramref name="pluginName"/> with <paramref name="registrations"/>.</summary>
    public async Task ApplyPluginAsync(string pluginName, IReadOnlyList<AppRegistration> registrations, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stopped)
            {
                return;
            }

            var accepted = new List<AppRegistration>(registrations.Count);
            foreach (var registration in registrations)
            {
                if (OwnerOtherThan(pluginName, registration.AppName) is { } owner)
                {
                    // Names are unique across plugins: the app that was there first keeps running.
                    _logger.LogError(
                        "App name '{App}' from plugin '{Plugin}' is already used by plugin '{Owner}'; the new registration was rejected and the running app keeps running. Rename one of them.",
                        registration.AppName, pluginName, owner);
                }
                else
                {
                    accepted.Add(registration);
                }
            }

            var old = AppsOf(pluginName);
            foreach (var app in old.Where(a => accepted.Any(r => r.AppName == a.Name)))
            {
                _logger.LogInformation("Reloading app: {App}", app.Name);
            }

            await TerminateAsync(old).ConfigureAwait(false);
            await Task.WhenAll(accepted.Select(r => StartAsync(r, cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Finalizes and removes every app of a plugin (its folder was deleted).</summary>
    public async Task RemovePluginAsync(string pluginName)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await TerminateAsync(AppsOf(pluginName)).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Finalizes every app (host shutdown). No app starts afterwards.</summary>
    public async Task StopAllAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _stopped = true;
            AppInstance[] all;
            lock (_apps)
            {
                all = _apps.Values.ToArray();
            }

            await TerminateAsync(all).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public EngineStats GetStats()
    {
        lock (_apps)
        {
            var perStatus = Enum.GetValues<AppStatus>().ToDictionary(s => s, s => _apps.Values.Count(a => a.Status == s));
            return new EngineStats(_apps.Count, perStatus, Volatile.Read(ref _loadedPlugins), Interlocked.Read(ref _reloads), Interlocked.Read(ref _failedReloads), Interlocked.Read(ref _leakedVersions));
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

    public AppInfo GetApp(AppRuntime runtime, AppRegistration registration)
    {
        long instanceId;
        lock (_apps)
        {
            instanceId = _apps.Values.FirstOrDefault(a => ReferenceEquals(a.Runtime, runtime))?.Id ?? 0;
        }

        return AppInfoBuilder.Build(registration, instanceId, runtime);
    }

    public void RequestRestart(string appName)
    {
        _ = Task.Run(async () =>
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                AppInstance? current;
                lock (_apps)
                {
                    _apps.TryGetValue(appName, out current);
                }

                if (current is null || _stopped)
                {
                    return;
                }

                _logger.LogInformation("Reloading app: {App}", appName);
                await TerminateAsync([current]).ConfigureAwait(false);
                await StartAsync(current.Registration, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Restarting app {App} failed: {Message}", appName, ex.Message);
            }
            finally
            {
                _gate.Release();
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>The plugin that runs an app of that name, when it is not <paramref name="pluginName"/>.</summary>
    private string? OwnerOtherThan(string pluginName, string appName)
    {
        lock (_apps)
        {
            return _apps.TryGetValue(appName, out var existing) && !string.Equals(existing.Registration.PluginName, pluginName, StringComparison.Ordinal)
                ? existing.Registration.PluginName
                : null;
        }
    }

    private AppInstance[] AppsOf(string pluginName)
    {
        lock (_apps)
        {
            return _apps.Values.Where(a => string.Equals(a.Registration.PluginName, pluginName, StringComparison.Ordinal)).ToArray();
        }
    }

    private async Task TerminateAsync(IReadOnlyCollection<AppInstance> apps)
    {
        await Task.WhenAll(apps.Select(async app =>
        {
            await app.TerminateAsync().ConfigureAwait(false);
            lock (_apps)
            {
                if (_apps.TryGetValue(app.Name, out var current) && ReferenceEquals(current, app))
                {
                    _apps.Remove(app.Name);
                }
            }

            Raise(app, AppStatus.Terminated);
        })).ConfigureAwait(false);
    }

    private async Task StartAsync(AppRegistration registration, CancellationToken cancellationToken)
    {
        AppInstance instance;
        try
        {
            instance = Create(registration);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "App {App} failed: creating {Class} threw {ExceptionType}: {Message}", registration.AppName, registration.AppType.Name, ex.GetType().Name, ex.Message);
            return;
        }

        lock (_apps)
        {
            _apps[registration.AppName] = instance;
        }

        var ok = await instance.InitializeAsync(cancellationToken).ConfigureAwait(false);
        Raise(instance, ok ? AppStatus.Running : AppStatus.Failed);
    }

    private AppInstance Create(AppRegistration registration)
    {
        var logger = _loggerFactory.CreateLogger(registration.DisplayName);
        var runtime = new AppRuntime(registration.AppName, logger, _time, _options);
        var meta = new MetaPlugin(runtime, this, registration);
        var hass = _hassFactory?.Create(runtime);
        var context = new Plugins.AppContext(
            logger,
            registration.Config,
            meta,
            new CallbacksPlugin(runtime, _hassEvents, _location),
            hass,
            new ServEntsPlugin(runtime, hass, _hassEvents, meta, registration.AppType.Namespace, registration.AppType.Name, _options.ServEntCreationTimeout),
            new TimePlugin(runtime, _location),
            new UtilsPlugin(runtime));
        var app = registration.Factory();
        return new AppInstance(Interlocked.Increment(ref _nextInstanceId), registration, app, runtime, context, _logger, _options, _time);
    }

    private void Raise(AppInstance app, AppStatus status)
    {
        try
        {
            LifecycleChanged?.Invoke(new AppLifecycleEvent(app.Name, app.Registration.PluginName, status, app.Id));
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A lifecycle observer threw for app {App}", app.Name);
        }
    }
}
