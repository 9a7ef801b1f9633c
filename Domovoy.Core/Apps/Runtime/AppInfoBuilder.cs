using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>Builds the status-view entry of one app from its runtime.</summary>
internal static class AppInfoBuilder
{
    public static AppInfo Build(Type appType, string pluginName, long instanceId, AppRuntime runtime)
        => Build(appType.Name, appType.Namespace, pluginName, instanceId, runtime);

    public static AppInfo Build(string className, string? ns, string pluginName, long instanceId, AppRuntime runtime)
    {
        var callbacks = runtime.Callbacks.Snapshot();
        var active = callbacks.Where(c => c.IsRegistered).ToArray();
        return new AppInfo(
            runtime.AppName,
            className,
            ns,
            pluginName,
            runtime.Status,
            instanceId,
            runtime.Dispatcher.Length,
            runtime.Dispatcher.Capacity,
            runtime.Dispatcher.Processed,
            runtime.Dispatcher.Dropped,
            active.Length,
            active.Select(c => c.NextRun).Where(n => n is not null).Min());
    }
}
