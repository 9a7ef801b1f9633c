using Domovoy.Abstractions;
using Domovoy.Core.Apps.Engine;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Plugins.Loading;
using Domovoy.Core.Plugins.Watching;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Domovoy.Core.Plugins;

/// <summary>
/// Turns plugin folder changes into app reloads: watcher → readiness check → shadow copy → content hash → load the new
/// version and collect its registrations → only then swap its apps in the engine → unload the old version and verify it
/// is collected. A failure at any step before the swap leaves the running version untouched.
/// </summary>
internal sealed class PluginManager : BackgroundService
{
    private readonly AppEngine _engine;
    private readonly PluginVersionLoader _loader;
    private readonly DomovoyOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PluginManager> _logger;
    private readonly Dictionary<string, PluginState> _plugins = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _initialLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _pluginsPath;
    private readonly ShadowCopier _shadow;
    private readonly List<Task> _unloadChecks = [];
    private long _nextVersion;

    private readonly IAppStartGate? _startGate;

    public PluginManager(AppEngine engine, PluginVersionLoader loader, IOptions<DomovoyOptions> options, TimeProvider time, ILogger<PluginManager> logger, IAppStartGate? startGate = null)
    {
        _startGate = startGate;
        _engine = engine;
        _loader = loader;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _pluginsPath = Path.GetFullPath(_options.PluginsPath);
        _shadow = new ShadowCopier(_options.ShadowPath ?? Path.Combine(Path.GetTempPath(), "domovoy-shadow", Guid.NewGuid().ToString("N")));
    }

    /// <summary>Raised for every plugin event; handlers must be quick.</summary>
    public event Action<PluginEvent>? PluginChanged;

    /// <summary>Completes once every plugin present at start-up was loaded (or failed to).</summary>
    public Task InitialLoad => _initialLoad.Task;

    public IReadOnlyCollection<string> LoadedPlugins
    {
        get
        {
            lock (_plugins)
            {
                return _plugins.Where(p => p.Value.Current is not null).Select(p => p.Key).ToArray();
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await _engine.StopAllAsync().ConfigureAwait(false);
        Task[] checks;
        lock (_unloadChecks)
        {
            checks = _unloadChecks.ToArray();
        }

        await Task.WhenAll(checks).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        ShadowCopier.TryDelete(_shadow.Root);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(_pluginsPath);
        using var watcher = new PluginFolderWatcher(_pluginsPath, _options.ReloadDebounce, _time, _logger);
        try
        {
            if (_startGate is not null)
            {
                try
                {
                    await _startGate.WaitUntilReadyAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogCritical("Apps are not started: {Reason}", ex.Message);
                    return;
                }
            }

            _logger.LogInformation("Loading plugins from {Path}", _pluginsPath);
            foreach (var directory in Directory.GetDirectories(_pluginsPath).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(directory);
                if (!name.StartsWith('.'))
                {
                    await ProcessGuardedAsync(name, watcher, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _initialLoad.TrySetResult();
        }

        await foreach (var plugin in watcher.Changes.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (plugin == PluginFolderWatcher.RescanMarker)
            {
                foreach (var gone in KnownPlugins().Where(p => !Directory.Exists(Path.Combine(_pluginsPath, p))))
                {
                    await ProcessGuardedAsync(gone, watcher, stoppingToken).ConfigureAwait(false);
                }

                continue;
            }

            await ProcessGuardedAsync(plugin, watcher, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One plugin's failure (e.g. its folder deleted mid-copy) is logged and never stops the others.</summary>
    private async Task ProcessGuardedAsync(string plugin, PluginFolderWatcher watcher, CancellationToken stoppingToken)
    {
        try
        {
            await ProcessAsync(plugin, watcher, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Failed to reload plugin {Plugin}: {Reason}", plugin, ex.Message);
        }
    }

    private string[] KnownPlugins()
    {
        lock (_plugins)
        {
            return _plugins.Keys.ToArray();
        }
    }

    private PluginState StateOf(string plugin)
    {
        lock (_plugins)
        {
            if (!_plugins.TryGetValue(plugin, out var state))
            {
                state = new PluginState();
                _plugins[plugin] = state;
            }

            return state;
        }
    }

    private async Task ProcessAsync(string plugin, PluginFolderWatcher watcher, CancellationToken cancellationToken)
    {
        var state = StateOf(plugin);
        var directory = Path.Combine(_pluginsPath, plugin);
        var files = PluginFiles.List(directory);
        if (files.Count == 0)
        {
            await RemoveAsync(plugin, state).ConfigureAwait(false);
            return;
        }

        // Copy first, then check and hash the copy itself: what is checked and hashed is exactly what gets loaded, and a
        // build still writing into the folder cannot change it underneath. Problems are reported with the build output's
        // path, which is what the developer knows.
        var versionNumber = Interlocked.Increment(ref _nextVersion);
        var shadowDirectory = _shadow.Copy(directory, plugin, versionNumber);
        var shadowFiles = PluginFiles.List(shadowDirectory);
        var incomplete = PluginFileChecker.FindIncompleteFile(shadowDirectory, shadowFiles) is { } problem
            ? $"{Path.Combine(directory, problem.RelativePath)}: {problem.Reason}"
            : null;
        if (incomplete is not null)
        {
            ShadowCopier.TryDelete(shadowDirectory);
            if (++state.NotReadyCount <= _options.NotReadyRetries)
            {
                _logger.LogDebug("Plugin {Plugin} is not completely written yet ({Reason}); checking again shortly.", plugin, incomplete);
                watcher.Touch(plugin);
                return;
            }

            state.NotReadyCount = 0;
            Fail(plugin, state, null, $"{incomplete}. The previous version keeps running; the plugin is retried on its next change.");
            return;
        }

        var fingerprint = await PluginFingerprint.ComputeAsync(shadowDirectory, shadowFiles, cancellationToken).ConfigureAwait(false);
        state.NotReadyCount = 0;
        var previous = state.LastAttempt;
        if (previous is not null && previous.Combined == fingerprint.Combined)
        {
            ShadowCopier.TryDelete(shadowDirectory);
            _logger.LogDebug("Plugin {Plugin}: files touched but their content is unchanged; no reload.", plugin);
            Raise(new PluginEvent(PluginEventKind.Unchanged, plugin, state.Current?.Number ?? 0));
            return;
        }

        if (previous is null)
        {
            _logger.LogInformation("Loading plugin {Plugin} from {Path}", plugin, directory);
        }
        else
        {
            foreach (var changed in fingerprint.ChangedSince(previous))
            {
                _logger.LogInformation("File changed: {Path}", Path.Combine(directory, changed));
            }
        }

        state.LastAttempt = fingerprint;
        PluginVersion version;
        try
        {
            version = _loader.Load(plugin, versionNumber, shadowDirectory, fingerprint);
        }
        catch (PluginLoadException ex)
        {
            if (ex.UnloadedContext is { } context)
            {
                VerifyUnload(context, plugin, versionNumber, shadowDirectory);
            }
            else
            {
                ShadowCopier.TryDelete(shadowDirectory);
            }

            Fail(plugin, state, versionNumber, ex.Message);
            return;
        }

        if (state.Current is not null && version.Errors.Count > 0)
        {
            // Build-then-swap: a new version with a broken registration never replaces a working one.
            var reason = string.Join(" | ", version.Errors);
            Unload(version);
            Fail(plugin, state, versionNumber, reason);
            return;
        }

        foreach (var error in version.Errors)
        {
            _logger.LogError("{Error}", error);
        }

        var old = state.Current;
        await _engine.ApplyPluginAsync(plugin, version.Registrations, cancellationToken).ConfigureAwait(false);
        state.Current = version;
        _engine.SetLoadedPlugins(LoadedPlugins.Count);
        if (old is not null)
        {
            _engine.CountReload(succeeded: true);
            Unload(old);
        }

        _logger.LogInformation("Plugin {Plugin} version {Version} loaded with {Count} app(s)", plugin, version.Number, version.Registrations.Count);
        Raise(new PluginEvent(PluginEventKind.Loaded, plugin, version.Number));
    }

    private async Task RemoveAsync(string plugin, PluginState state)
    {
        if (state.Current is null)
        {
            lock (_plugins)
            {
                _plugins.Remove(plugin);
            }

            return;
        }

        _logger.LogInformation("Plugin {Plugin} was removed; finalizing its apps.", plugin);
        await _engine.RemovePluginAsync(plugin).ConfigureAwait(false);
        var old = state.Current;
        lock (_plugins)
        {
            _plugins.Remove(plugin);
        }

        _engine.SetLoadedPlugins(LoadedPlugins.Count);
        Unload(old);
        Raise(new PluginEvent(PluginEventKind.Removed, plugin, old.Number));
    }

    private void Fail(string plugin, PluginState state, long? version, string reason)
    {
        _logger.LogError("Failed to reload plugin {Plugin}: {Reason}", plugin, reason);
        if (state.Current is not null)
        {
            _engine.CountReload(succeeded: false);
        }

        Raise(new PluginEvent(PluginEventKind.LoadFailed, plugin, version ?? 0, reason));
    }

    private void Unload(PluginVersion version) => VerifyUnload(version.Unload(), version.PluginName, version.Number, version.ShadowDirectory);

    private void VerifyUnload(WeakReference context, string plugin, long number, string shadowDirectory)
    {
        var check = Task.Run(async () =>
        {
            var collected = await UnloadVerifier.WaitForCollectionAsync(context, _options.UnloadCheckRounds, CancellationToken.None).ConfigureAwait(false);
            ShadowCopier.TryDelete(shadowDirectory);
            if (collected)
            {
                _logger.LogDebug("Plugin {Plugin} version {Version} unloaded and collected.", plugin, number);
                Raise(new PluginEvent(PluginEventKind.Collected, plugin, number));
                return;
            }

            _engine.CountLeakedVersion();
            _logger.LogWarning(
                "Plugin {Plugin} version {Version} was unloaded but its load context is still alive after {Rounds} GC rounds: something still references the plugin's code (a static event, timer, thread or cache). Each leaked version costs memory until the host restarts.",
                plugin, number, _options.UnloadCheckRounds);
            Raise(new PluginEvent(PluginEventKind.Leaked, plugin, number));
        });
        lock (_unloadChecks)
        {
            _unloadChecks.RemoveAll(t => t.IsCompleted);
            _unloadChecks.Add(check);
        }
    }

    private void Raise(PluginEvent pluginEvent)
    {
        try
        {
            PluginChanged?.Invoke(pluginEvent);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A plugin event observer threw");
        }
    }

    private sealed class PluginState
    {
        public PluginVersion? Current { get; set; }

        /// <summary>The fingerprint of the last attempt, so an unchanged broken build is not retried on every touch.</summary>
        public PluginFingerprint? LastAttempt { get; set; }

        public int NotReadyCount { get; set; }
    }
}
