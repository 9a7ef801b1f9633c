using Domovoy.Abstractions;
using Domovoy.Core.HomeAssistant.Client;
using Prometheus;

namespace Domovoy.Host.Admin.Status;

/// <summary>
/// The Prometheus metrics served at <c>/metrics</c> (prometheus-net). Values are read from the engine, the plugin
/// manager and the connection when Prometheus scrapes, so nothing is counted twice and the engine stays unaware of
/// metrics. A private registry: no process-wide static collectors.
/// </summary>
internal sealed class AdminMetrics
{
    private readonly StatusReader _reader;
    private readonly HassConnectionMonitor? _hass;
    private readonly Counter _reloads;
    private readonly Counter _reloadFailures;
    private readonly Gauge _leaked;
    private readonly Gauge _abandoned;
    private readonly Gauge _apps;
    private readonly Gauge _appStatus;
    private readonly Counter _callbacks;
    private readonly Counter _callbackErrors;
    private readonly Gauge _queueLength;
    private readonly Counter _queueDropped;
    private readonly Counter _hassMessages;
    private readonly Gauge _hassRate;
    private readonly Counter _hassReconnects;
    private readonly Gauge _hassConnected;
    private readonly HashSet<string[]> _appSeries = new(LabelsComparer.Instance);

    public AdminMetrics(StatusReader reader, HassConnectionMonitor? hass)
    {
        _reader = reader;
        _hass = hass;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _reloads = factory.CreateCounter("domovoy_reloads_total", "Plugin reloads that committed a new version.");
        _reloadFailures = factory.CreateCounter("domovoy_reload_failures_total", "Plugin load or reload attempts that failed (the previous version kept serving).");
        _leaked = factory.CreateGauge("domovoy_leaked_plugin_versions", "Unloaded plugin versions whose load context stayed alive.");
        _abandoned = factory.CreateGauge("domovoy_abandoned_apps", "Apps abandoned because they did not stop within the finalize timeout.");
        _apps = factory.CreateGauge("domovoy_apps", "Registered apps per status.", "status");
        _appStatus = factory.CreateGauge("domovoy_app_status", "1 for each app's current status.", "app", "plugin", "status");
        _callbacks = factory.CreateCounter("domovoy_app_callbacks_total", "Callbacks an app's queue ran (since its instance started).", "app");
        _callbackErrors = factory.CreateCounter("domovoy_app_callback_errors_total", "Callbacks of an app's registered listeners and timers that threw.", "app");
        _queueLength = factory.CreateGauge("domovoy_app_queue_length", "Callbacks waiting in an app's queue.", "app");
        _queueDropped = factory.CreateCounter("domovoy_app_queue_dropped_total", "Callbacks dropped because an app's queue was full.", "app");
        _hassMessages = factory.CreateCounter("domovoy_hass_messages_total", "WebSocket messages received from Home Assistant (rate() gives messages/s).");
        _hassRate = factory.CreateGauge("domovoy_hass_messages_per_second", "Messages received from Home Assistant per second, averaged over 5 s.");
        _hassReconnects = factory.CreateCounter("domovoy_hass_reconnects_total", "Times the Home Assistant connection became ready again after the first time.");
        _hassConnected = factory.CreateGauge("domovoy_hass_connected", "1 while the Home Assistant connection is ready, else 0.");
        Registry.AddBeforeCollectCallback(Update);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>
    /// Sets a per-app counter to the app's figure. A new app instance starts its figures at 0 and a counter may only grow,
    /// so the series then restarts, which Prometheus treats as a counter reset.
    /// </summary>
    private static void SetCounter(Counter counter, string app, double value)
    {
        var child = counter.WithLabels(app);
        if (value < child.Value)
        {
            counter.RemoveLabelled(app);
            child = counter.WithLabels(app);
        }

        child.IncTo(value);
    }

    private void Update()
    {
        // Two scrapes at once must not interleave the series bookkeeping.
        lock (_appSeries)
        {
            UpdateLocked();
        }
    }

    private void UpdateLocked()
    {
        var engine = _reader.Engine();
        _reloads.IncTo(engine.Reloads);
        _reloadFailures.IncTo(engine.FailedReloads);
        _leaked.Set(engine.LeakedPluginVersions);
        _abandoned.Set(engine.AbandonedApps);
        foreach (var (status, count) in engine.AppsPerStatus)
        {
            _apps.WithLabels(Name(status)).Set(count);
        }

        var current = new HashSet<string[]>(LabelsComparer.Instance);
        foreach (var app in _reader.Apps())
        {
            string[] labels = [app.Name, app.Plugin, Name(app.Status)];
            current.Add(labels);
            _appStatus.WithLabels(labels).Set(1);
            SetCounter(_callbacks, app.Name, app.Queue.Processed);
            SetCounter(_callbackErrors, app.Name, app.Callbacks.Sum(c => c.TimesFailed));
            _queueLength.WithLabels(app.Name).Set(app.Queue.Length);
            SetCounter(_queueDropped, app.Name, app.Queue.Dropped);
        }

        foreach (var stale in _appSeries.Where(s => !current.Contains(s)).ToArray())
        {
            _appStatus.RemoveLabelled(stale);
            _appSeries.Remove(stale);
            if (!current.Any(c => c[0] == stale[0]))
            {
                // The app is gone (its plugin was removed): drop its per-app series too.
                _callbacks.RemoveLabelled(stale[0]);
                _callbackErrors.RemoveLabelled(stale[0]);
                _queueLength.RemoveLabelled(stale[0]);
                _queueDropped.RemoveLabelled(stale[0]);
            }
        }

        _appSeries.UnionWith(current);
        if (_hass is not null)
        {
            _hassMessages.IncTo(_hass.MessagesTotal);
            _hassRate.Set(_hass.MessagesPerSecond);
            _hassReconnects.IncTo(_hass.Reconnects);
            _hassConnected.Set(_hass.State == HassConnectionState.Ready ? 1 : 0);
        }
    }

    private static string Name(AppStatus status) => status.ToString().ToLowerInvariant();

    private sealed class LabelsComparer : IEqualityComparer<string[]>
    {
        public static readonly LabelsComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.SequenceEqual(y, StringComparer.Ordinal);

        public int GetHashCode(string[] obj) => obj.Aggregate(0, (h, s) => HashCode.Combine(h, StringComparer.Ordinal.GetHashCode(s)));
    }
}
