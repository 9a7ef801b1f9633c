using Domovoy.Abstractions;
using Domovoy.Core.Apps.Registration;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>Builds the status-view entry of one app from its runtime.</summary>
internal static class AppInfoBuilder
{
    public static AppInfo Build(AppRegistration registration, long instanceId, AppRuntime runtime)
    {
        var callbacks = runtime.Callbacks.Snapshot();
        var active = callbacks.Where(c => c.IsRegistered).ToArray();
        return new AppInfo(
            runtime.AppName,
            registration.AppType.Name,
            registration.AppType.Namespace,
            registration.PluginName,
            registration.PluginVersion,
            runtime.Status,
            instanceId,
            runtime.Dispatcher.Length,
            runtime.Dispatcher.Capacity,
            runtime.Dispatcher.Processed,
            runtime.Dispatcher.Dropped,
            active.Length,
            active.Select(c => c.NextRun).Where(n => n is not null).Min())
        {
            ConfigWarnings = runtime.ConfigWarnings,
        };
    }
}
