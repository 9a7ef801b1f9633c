using Domovoy.Abstractions;
using Domovoy.Core.Apps.Engine;
using Domovoy.Core.Plugins;

namespace Domovoy.Host.Admin.Status;

/// <summary>Reads the engine's, the plugin manager's and the connection's figures into the admin API's shapes (read only).</summary>
internal sealed class StatusReader(AppEngine engine, PluginManager plugins, HassConnectionMonitor? hass, TimeProvider time)
{
    public IReadOnlyList<AppDto> Apps() => engine.GetStatusViews().Select(ToDto).ToArray();

    public AppDto? App(string name) => engine.GetStatusViews().Where(v => v.Name == name).Select(ToDto).FirstOrDefault();

    /// <summary>The logger category of the app's own lines (<c>ClassName.app_name</c>), or null for an unknown app.</summary>
    public string? DisplayName(string name) => engine.GetStatusViews().Where(v => v.Name == name).Select(v => $"{v.ClassName}.{v.Name}").FirstOrDefault();

    public IReadOnlyList<PluginDto> Plugins() => plugins.GetStatusViews().Select(p => new PluginDto(
        p.Name,
        p.LoadedVersion,
        p.LastFailure,
        p.FailureStreak,
        p.History.Select(h => new ReloadDto(h.At, h.Outcome, h.Version, Math.Round(h.Duration.TotalMilliseconds, 1), h.Detail)).ToArray(),
        p.LeakedVersions)).ToArray();

    public EngineDto Engine()
    {
        var stats = engine.GetStats();
        return new EngineDto(stats.TotalApps, stats.AppsPerStatus, stats.LoadedPlugins, stats.ReloadCount, stats.FailedReloads, stats.LeakedPluginVersions, stats.AbandonedApps, engine.DisabledApps);
    }

    public HassDto Hass() => hass?.Snapshot() ?? new HassDto(Core.HomeAssistant.Client.HassConnectionState.Stopped, null, null, 0, 0, 0, false);

    public StatusDto Status() => new(time.GetUtcNow(), Apps(), Plugins(), Engine(), Hass());

    private static AppDto ToDto(AppStatusView v) => new(
        v.Name,
        v.ClassName,
        v.Namespace,
        v.PluginName,
        v.PluginVersion,
        v.Status,
        v.Since,
        v.InstanceId,
        v.LastError is { } error ? new ErrorDto(error.At, error.Message) : null,
        new QueueDto(v.QueueLength, v.QueueCapacity, v.ProcessedCallbacks, v.DroppedCallbacks),
        v.Callbacks.Select(ToDto).ToArray(),
        ConfigRedactor.ToJson(v.Config));

    private static CallbackDto ToDto(CallbackInfo c) => new(
        c.Id.ToString(),
        c.Name,
        c.Kind,
        c.Description,
        c.IsRegistered,
        c.TimesCalled,
        c.TimesFailed,
        c.LastCall,
        c.LastError is { } at ? new ErrorDto(at, c.LastErrorMessage ?? string.Empty) : null,
        c.NextRun);
}
