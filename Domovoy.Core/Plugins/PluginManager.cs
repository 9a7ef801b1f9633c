using Domovoy.Core.Apps.Engine;
using Domovoy.Core.Apps.Lifecycle;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Plugins.Loading;
using Domovoy.Core.Plugins.Watching;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Domovoy.Core.Plugins;

/// <summary>
/// Turns plugin folder changes into reload transactions, one plugin at a time per plugin and plugins in parallel:
/// shadow copy → readiness check → fingerprint against the running version → load and validate the new version →
/// wait for Home Assistant → swap its apps in the engine → commit (unload the old version) or roll back (unload the new
/// one; the old version's apps are started again). A failure at any step leaves a working version serving.
/// </summary>
internal sealed class PluginManager : BackgroundService
{
    private readonly AppEngine _engine;
    private readonly PluginVersionLoader _loader;
    private readonly DomovoyOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PluginManager> _logger;
    private readonly IAppStartGate? _startGate;
    private readonly PluginWriteSignal? _writes;
    private readonly Dictionary<string, PluginState> _plugins = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _initialLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _pluginsPath;
    private readonly ShadowCopier _shadow;
    private readonly List<Task> _unloadChecks = [];
    private readonly Dictionary<string, List<long>> _leaked = new(StringComparer.Ordinal);
    private IReadOnlyList<AppStopOutcome> _shutdownOutcomes = [];
    private PluginFolderWatcher? _watcher;
    private long _nextAttempt;

    public PluginManager(AppEngine engine, PluginVersionLoader loader, IOptions<DomovoyOptions> options, TimeProvider time, ILogger<PluginManager> logger, IAppStartGate? startGate = null, PluginWriteSignal? writes = null)
    {
        _startGate = startGate;
        _writes = writes;
        _engine = engine;
        _loader = loader;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _pluginsPath = Path.GetFullPath(_options.PluginsPath);
        _shadow = new ShadowCopier(ShadowRoot.Open(_options.ShadowPath, logger));
    }

    /// <summary>Raised for every plugin event; handlers must be quick.</summary>
    public event Action<PluginEvent>? PluginChanged;

    /// <summary>Completes once every plugin present at start-up was loaded (or failed to).</summary>
    public Task InitialLoad => _initialLoad.Task;

    /// <summary>How each app stopped at shutdown (empty until the host stopped).</summary>
    public IReadOnlyList<AppStopOutcome> ShutdownOutcomes => Volatile.Read(ref _shutdownOutcomes);

    /// <summary>How many finished attempts each plugin's history keeps.</summary>
    public const int HistoryLength = 20;

    /// <summary>Every known plugin with its serving version, failures, reload history and leaks, sorted by name.</summary>
    public IReadOnlyList<PluginStatusView> GetStatusViews()
    {
        lock (_plugins)
        {
            return _plugins.Select(p =>
            {
                lock (p.Value)
                {
                    var leaked = _leaked.TryGetValue(p.Key, out var versions) ? versions.ToArray() : [];
                    return new PluginStatusView(p.Key, p.Value.Current?.Number, p.Value.LastFailureReason, p.Value.FailureStreak, p.Value.History.ToArray(), leaked);
                }
            }).OrderBy(v => v.Name, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>
    /// Checks the plugin's folder again (after the debounce) even when its content equals the last failed attempt, e.g.
    /// after Home Assistant came back or a missing dependency was installed. Returns false for an unknown plugin or
    /// before the plugins folder is watched.
    /// </summary>
    public bool RetryPlugin(string pluginName)
    {
        PluginState? state;
        lock (_plugins)
        {
            state = _plugins.GetValueOrDefault(pluginName);
        }

        if (state is null || Volatile.Read(ref _watcher) is not { } watcher)
        {
            return false;
        }

        lock (state)
        {
            state.RetryRequested = true;
        }

        PluginLog.RetryRequested(_logger, pluginName);
        watcher.Touch(pluginName);
        return true;
    }

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

    /// <summary>
    /// Stops every app within the finalize deadline (never waiting on a plugin's reload in progress), then gives work in
    /// progress and unload checks two more seconds.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        var watching = base.StopAsync(cancellationToken);
        Volatile.Write(ref _shutdownOutcomes, await _engine.StopAllAsync().ConfigureAwait(false));
        Task[] pending;
        lock (_plugins)
        {
            pending = _plugins.Values.Select(p => p.Worker).Append(watching).ToArray();
        }

        lock (_unloadChecks)
        {
            pending = [.. pending, .. _unloadChecks];
        }

        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(2), TimeProvider.System, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _shadow.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Directory.Exists(_pluginsPath))
        {
            PluginLog.PluginsFolderMissing(_logger, _pluginsPath);
            Directory.CreateDirectory(_pluginsPath);
        }

        using var watcher = new PluginFolderWatcher(_pluginsPath, _options.ReloadDebounce, _time, _logger);
        Volatile.Write(ref _watcher, watcher);
        var forwarding = ForwardWritesAsync(watcher, stoppingToken);
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
                    PluginLog.AppsNotStarted(_logger, ex.Message);
                    return;
                }
            }

            PluginLog.LoadingPlugins(_logger, _pluginsPath);
            var initial = Directory.GetDirectories(_pluginsPath).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
            if (initial.Length == 0)
            {
                PluginLog.NoPlugins(_logger, _pluginsPath);
            }

            await Task.WhenAll(initial.Select(name => Schedule(name, watcher, stoppingToken))).ConfigureAwait(false);
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
                    _ = Schedule(gone, watcher, stoppingToken);
                }

                continue;
            }

            _ = Schedule(plugin, watcher, stoppingToken);
        }

        await forwarding.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Publishes a plugin an in-process writer reported as completely written without waiting out the debounce (see
    /// <see cref="PluginWriteSignal"/>); it then takes the same path as a change seen on disk.
    /// </summary>
    private async Task ForwardWritesAsync(PluginFolderWatcher watcher, CancellationToken stoppingToken)
    {
        if (_writes is null)
        {
            return;
        }

        await foreach (var folder in _writes.Folders.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (string.Equals(Path.GetDirectoryName(folder), _pluginsPath.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                watcher.PublishNow(Path.GetFileName(folder));
            }
            else
            {
                PluginLog.WrittenOutsidePlugins(_logger, folder, _pluginsPath);
            }
        }
    }

    /// <summary>
    /// Runs the plugin's worker: one check at a time per plugin (changes arriving meanwhile coalesce into one more
    /// check), plugins in parallel. Returns the worker's task.
    /// </summary>
    private Task Schedule(string plugin, PluginFolderWatcher watcher, CancellationToken stoppingToken)
    {
        var state = StateOf(plugin);
        lock (state)
        {
            if (state.Running)
            {
                state.Pending = true;
                return state.Worker;
            }

            // Running is cleared under the same lock that decides not to loop again, so no change slips between them.
            state.Running = true;
            state.Worker = Task.Run(async () =>
            {
                while (true)
                {
                    lock (state)
                    {
                        state.Pending = false;
                    }

                    await ProcessGuardedAsync(plugin, state, watcher, stoppingToken).ConfigureAwait(false);
                    lock (state)
                    {
                        if (!state.Pending || stoppingToken.IsCancellationRequested)
                        {
                            state.Running = false;
                            return;
                        }
                    }
                }
            }, CancellationToken.None);
            return state.Worker;
        }
    }

    /// <summary>One plugin's failure (e.g. its folder deleted mid-copy) is logged and never stops the others.</summary>
    private async Task ProcessGuardedAsync(string plugin, PluginState state, PluginFolderWatcher watcher, CancellationToken stoppingToken)
    {
        try
        {
            await ProcessAsync(plugin, state, watcher, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        catch (Exception ex)
        {
            ReportFailure(plugin, state, ex.Message, ex);
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

    private async Task ProcessAsync(string plugin, PluginState state, PluginFolderWatcher watcher, CancellationToken cancellationToken)
    {
        lock (state)
        {
            state.AttemptStarted = _time.GetTimestamp();
            state.Attempt++;
        }

        var directory = Path.Combine(_pluginsPath, plugin);
        if (PluginFiles.List(directory).Count == 0)
        {
            // Only a deleted folder removes the plugin. A folder emptied by a build's clean step is "not ready yet": the
            // running version keeps running, and the build's next write is the next change.
            if (Directory.Exists(directory) && state.Current is not null)
            {
                PluginLog.NotReady(_logger, plugin, $"{directory} holds no assemblies");
                return;
            }

            await RemoveAsync(plugin, state).ConfigureAwait(false);
            return;
        }

        var candidate = await PrepareAsync(plugin, state, directory, watcher, cancellationToken).ConfigureAwait(false);
        if (candidate is null)
        {
            return;
        }

        var version = Load(plugin, state, candidate);
        if (version is null)
        {
            return;
        }

        if (!await _engine.WaitForHomeAssistantAsync(plugin, cancellationToken).ConfigureAwait(false) && state.Current is not null)
        {
            // Checked again (and reported again only if the reason changes) until Home Assistant is back.
            Unload(version);
            ReportFailure(plugin, state, $"Home Assistant did not become ready within {_options.HassReadyTimeout.TotalSeconds} s", null, retryable: true);
            watcher.Touch(plugin);
            return;
        }

        await SwapAsync(plugin, state, version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Shadow-copies the folder and checks and fingerprints the copy (what is checked is exactly what gets loaded, and
    /// a build still writing cannot change it underneath). Null when there is nothing to load now: the content equals
    /// the running version or the last failed attempt, or the build is still writing (checked again after a debounce).
    /// </summary>
    private async Task<Candidate?> PrepareAsync(string plugin, PluginState state, string directory, PluginFolderWatcher watcher, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _nextAttempt);
        string shadowDirectory;
        try
        {
            shadowDirectory = _shadow.Copy(directory, plugin, attempt);
        }
        catch (IOException ex)
        {
            // A file the build still holds open (or deleted between listing and copying): not ready yet.
            return RetryLater(plugin, state, watcher, $"{directory}: {ex.Message}");
        }

        var shadowFiles = PluginFiles.List(shadowDirectory);
        if (PluginFiles.FindMainAssembly(shadowDirectory, plugin) is null)
        {
            ShadowCopier.TryDelete(shadowDirectory);
            var missing = $"{Path.Combine(directory, plugin + ".dll")}: the plugin's main assembly is missing (a plugin folder must be named after its main assembly)";
            if (state.Current is not null)
            {
                // A build deleted it and has not written it yet; writing it is the next change.
                PluginLog.NotReady(_logger, plugin, missing);
                return null;
            }

            return RetryLater(plugin, state, watcher, missing);
        }

        if (PluginFileChecker.FindIncompleteFile(shadowDirectory, shadowFiles) is { } problem)
        {
            ShadowCopier.TryDelete(shadowDirectory);
            return RetryLater(plugin, state, watcher, $"{Path.Combine(directory, problem.RelativePath)}: {problem.Reason}");
        }

        state.NotReadyCount = 0;
        var fingerprint = await PluginFingerprint.ComputeAsync(shadowDirectory, shadowFiles, cancellationToken).ConfigureAwait(false);
        if (state.Current?.Fingerprint.Combined == fingerprint.Combined)
        {
            // Identical to what runs, whatever failed attempts came in between.
            ShadowCopier.TryDelete(shadowDirectory);
            if (state.FailureStreak > 0)
            {
                PluginLog.BackToRunningContent(_logger, plugin, state.Current.Number);
            }

            state.ClearFailures();
            PluginLog.Unchanged(_logger, plugin);
            Raise(new PluginEvent(PluginEventKind.Unchanged, plugin, state.Current.Number));
            return null;
        }

        if (state.LastFailed?.Combined == fingerprint.Combined && !state.TakeRetryRequest())
        {
            // An unchanged broken build is not retried (nor reported again) on every touch.
            ShadowCopier.TryDelete(shadowDirectory);
            PluginLog.SameAsFailed(_logger, plugin);
            Raise(new PluginEvent(PluginEventKind.Unchanged, plugin, state.Current?.Number ?? 0));
            return null;
        }

        if (state.Current is null)
        {
            PluginLog.LoadingPlugin(_logger, plugin, directory);
        }
        else
        {
            foreach (var changed in fingerprint.ChangedSince(state.Current.Fingerprint))
            {
                PluginLog.FileChanged(_logger, Path.Combine(directory, changed));
            }
        }

        return new Candidate(shadowDirectory, fingerprint);
    }

    /// <summary>
    /// A build still writing (a half-written DLL, a file held open): checked again after a debounce, and reported as a
    /// failure only when it stays so for <see cref="DomovoyOptions.NotReadyRetries"/> checks.
    /// </summary>
    private Candidate? RetryLater(string plugin, PluginState state, PluginFolderWatcher watcher, string reason)
    {
        if (++state.NotReadyCount <= _options.NotReadyRetries)
        {
            PluginLog.NotReady(_logger, plugin, reason);
            watcher.Touch(plugin);
            return null;
        }

        state.NotReadyCount = 0;
        ReportFailure(plugin, state, reason, null, retryable: true);
        return null;
    }

    /// <summary>Loads and validates the candidate (assemblies, registrations, configs). Null when it cannot replace what runs.</summary>
    private PluginVersion? Load(string plugin, PluginState state, Candidate candidate)
    {
        var number = state.LoadedVersions + 1;
        PluginVersion version;
        try
        {
            version = _loader.Load(plugin, number, candidate.ShadowDirectory, candidate.Fingerprint);
        }
        catch (PluginLoadException ex)
        {
            if (ex.UnloadedContext is { } context)
            {
                VerifyUnload(context, plugin, number, candidate.ShadowDirectory);
            }
            else
            {
                ShadowCopier.TryDelete(candidate.ShadowDirectory);
            }

            state.LastFailed = candidate.Fingerprint;
            ReportFailure(plugin, state, ex.Message, null);
            return null;
        }

        if (state.Current is not null && version.Errors.Count > 0)
        {
            // A new version with a broken registration never replaces a working one.
            Unload(version);
            state.LastFailed = candidate.Fingerprint;
            ReportFailure(plugin, state, string.Join(" | ", version.Errors), null);
            return null;
        }

        foreach (var error in version.Errors)
        {
            PluginLog.RegistrationRejected(_logger, error);
        }

        return version;
    }

    /// <summary>The transaction: swap the apps; commit when every new app runs, otherwise the engine rolled back.</summary>
    private async Task SwapAsync(string plugin, PluginState state, PluginVersion version, CancellationToken cancellationToken)
    {
        var old = state.Current;
        var result = await _engine.ApplyPluginAsync(plugin, version.Registrations, cancellationToken, old?.Registrations).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: every app is being stopped; this version neither committed nor failed.
            return;
        }

        if (!result.Committed && old is not null)
        {
            // Rolled back, or rejected before anything stopped (a name conflict): the running version stays.
            Unload(version);
            state.LastFailed = version.Fingerprint;
            ReportFailure(plugin, state, result.FailureSummary, null);
            if (result.RolledBack)
            {
                Raise(new PluginEvent(PluginEventKind.RolledBack, plugin, old.Number, result.FailureSummary));
            }

            return;
        }

        state.Current = version;
        state.LoadedVersions = version.Number;
        _engine.SetLoadedPlugins(LoadedPlugins.Count);
        if (old is not null)
        {
            _engine.CountReload(succeeded: true);
            Unload(old);
        }

        if (state.FailureStreak > 1)
        {
            PluginLog.LoadedAfterFailures(_logger, plugin, state.FailureStreak);
        }

        state.ClearFailures();
        var total = version.Registrations.Count;
        if (result.Failures.Count == 0)
        {
            PluginLog.Loaded(_logger, plugin, version.Number, result.Running);
        }
        else
        {
            PluginLog.LoadedWithFailures(_logger, plugin, version.Number, result.Running, total, result.FailureSummary);
        }

        Raise(new PluginEvent(PluginEventKind.Loaded, plugin, version.Number));
    }

    /// <summary>
    /// Stops the plugin's apps and unloads its version. The plugin's state object stays (reset): its worker may already
    /// hold the next change (the folder re-created), which must load as a fresh plugin, version 1.
    /// </summary>
    private async Task RemoveAsync(string plugin, PluginState state)
    {
        var old = state.Current;
        state.Reset();
        if (old is null)
        {
            return;
        }

        PluginLog.Removed(_logger, plugin);
        await _engine.RemovePluginAsync(plugin).ConfigureAwait(false);
        _engine.SetLoadedPlugins(LoadedPlugins.Count);
        Unload(old);
        Raise(new PluginEvent(PluginEventKind.Removed, plugin, old.Number));
    }

    /// <summary>
    /// Reports a failed attempt once: a new reason is logged as an error saying what keeps running; the same reason
    /// again is logged once with the count and then only at debug level until the reason changes or a load succeeds.
    /// </summary>
    private void ReportFailure(string plugin, PluginState state, string reason, Exception? exception, bool retryable = false)
    {
        reason = reason.TrimEnd('.', ' ');
        var serving = state.Current is { } current && _engine.RunningApps(plugin) > 0
            ? $"Version {current.Number} keeps running."
            : state.Current is null ? "No version of it is running." : $"Version {state.Current.Number} stays loaded but none of its apps is running.";
        var next = retryable ? "It is retried on its next change." : "Fix it and build again.";
        if (state.Current is not null)
        {
            _engine.CountReload(succeeded: false);
        }

        if (string.Equals(reason, state.LastFailureReason, StringComparison.Ordinal))
        {
            state.FailureStreak++;
            if (state.FailureStreak == 2)
            {
                PluginLog.FailedAgain(_logger, plugin, state.FailureStreak, serving);
            }
            else
            {
                PluginLog.FailedAgainQuiet(_logger, plugin, state.FailureStreak, reason);
            }
        }
        else
        {
            state.FailureStreak = 1;
            state.LastFailureReason = reason;
            PluginLog.ReloadFailed(_logger, exception, state.Current is null ? "load" : "reload", plugin, reason, serving, next);
        }

        Raise(new PluginEvent(PluginEventKind.LoadFailed, plugin, state.Current?.Number ?? 0, reason));
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
                PluginLog.Collected(_logger, plugin, number);
                Raise(new PluginEvent(PluginEventKind.Collected, plugin, number));
                return;
            }

            _engine.CountLeakedVersion();
            lock (_plugins)
            {
                if (!_leaked.TryGetValue(plugin, out var versions))
                {
                    _leaked[plugin] = versions = [];
                }

                versions.Add(number);
            }

            PluginLog.Leaked(_logger, plugin, number, _options.UnloadCheckRounds);
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
        if (pluginEvent.Kind is PluginEventKind.Loaded or PluginEventKind.LoadFailed or PluginEventKind.RolledBack or PluginEventKind.Removed)
        {
            StateOf(pluginEvent.PluginName).Record(pluginEvent, _time);
        }

        try
        {
            PluginChanged?.Invoke(pluginEvent);
        }
        catch (Exception ex)
        {
            PluginLog.ObserverThrew(_logger, ex);
        }
    }

    private sealed record Candidate(string ShadowDirectory, PluginFingerprint Fingerprint);

    private sealed class PluginState
    {
        public PluginVersion? Current { get; set; }

        /// <summary>How many versions were loaded (the number of the running one); failed attempts do not count.</summary>
        public long LoadedVersions { get; set; }

        /// <summary>The content of the last failed attempt, so an unchanged broken build is not retried on every touch.</summary>
        public PluginFingerprint? LastFailed { get; set; }

        public string? LastFailureReason { get; set; }

        public int FailureStreak { get; set; }

        public int NotReadyCount { get; set; }

        public Task Worker { get; set; } = Task.CompletedTask;

        /// <summary>True while the worker runs; guarded by the state's lock, with <see cref="Pending"/>.</summary>
        public bool Running { get; set; }

        public bool Pending { get; set; }

        /// <summary>The latest finished attempts (guarded by the state's lock).</summary>
        public Queue<PluginReload> History { get; } = new();

        /// <summary>Counts attempts, so a rollback replaces its own attempt's failure in the history.</summary>
        public long Attempt { get; set; }

        public long AttemptStarted { get; set; }

        private long RecordedAttempt { get; set; }

        /// <summary>Set by an operator's retry: the next check loads even content equal to the last failed attempt.</summary>
        public bool RetryRequested { get; set; }

        public bool TakeRetryRequest()
        {
            lock (this)
            {
                var requested = RetryRequested;
                RetryRequested = false;
                return requested;
            }
        }

        /// <summary>Adds the outcome of the current attempt to the history (a rollback replaces the attempt's failure).</summary>
        public void Record(PluginEvent pluginEvent, TimeProvider time)
        {
            lock (this)
            {
                var entry = new PluginReload(time.GetUtcNow(), pluginEvent.Kind, pluginEvent.Version, time.GetElapsedTime(AttemptStarted), pluginEvent.Detail);
                if (RecordedAttempt == Attempt && History.Count > 0)
                {
                    // Same attempt reported twice (failure, then rollback): keep the final outcome only.
                    var kept = History.ToArray()[..^1];
                    History.Clear();
                    foreach (var item in kept)
                    {
                        History.Enqueue(item);
                    }
                }

                History.Enqueue(entry);
                while (History.Count > HistoryLength)
                {
                    History.Dequeue();
                }

                RecordedAttempt = Attempt;
            }
        }

        /// <summary>Forgets the plugin (its folder was deleted): the next load is version 1.</summary>
        public void Reset()
        {
            Current = null;
            LoadedVersions = 0;
            NotReadyCount = 0;
            ClearFailures();
        }

        public void ClearFailures()
        {
            LastFailed = null;
            LastFailureReason = null;
            FailureStreak = 0;
        }
    }
}
