using Domovoy.Abstractions;
using Domovoy.Core.Apps.Registration;
using Domovoy.Core.Apps.Runtime;

namespace Domovoy.Core.Apps.Api;

/// <summary>The Meta API of one app (<c>AppBase.Meta</c>).</summary>
internal sealed class AppMeta(AppRuntime runtime, IAppEngineControl engine, AppRegistration registration) : IMetaPlugin
{
    public string AppName => runtime.AppName;

    public string ClassName => registration.AppType.Name;

    public string PluginName => registration.PluginName;

    public AppStatus Status => runtime.Status;

    public AppConfigBase Config => registration.Config;

    public TimeZoneInfo TimeZone => runtime.TimeZone;

    public CancellationToken AppStopping => runtime.Stopping;

    public Task RestartAppAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        engine.RequestRestart(runtime);
        return Task.CompletedTask;
    }

    public EngineStats GetEngineStats() => engine.GetStats();

    public IReadOnlyList<AppInfo> GetApps() => engine.GetApps();

    public AppInfo GetAppInfo() => engine.GetApp(runtime, registration);

    public IReadOnlyList<CallbackInfo> GetCallbacks() => runtime.Callbacks.Snapshot();
}
