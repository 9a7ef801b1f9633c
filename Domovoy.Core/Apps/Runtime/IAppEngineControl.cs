using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>What an app's Meta API may ask of the engine.</summary>
internal interface IAppEngineControl
{
    EngineStats GetStats();

    IReadOnlyList<AppInfo> GetApps();

    /// <summary>The status-view entry of the instance owning <paramref name="runtime"/> (instance id 0 once removed).</summary>
    AppInfo GetApp(AppRuntime runtime, Registration.AppRegistration registration);

    /// <summary>Queues a restart of the app instance owning <paramref name="requester"/>; returns without waiting for it.</summary>
    void RequestRestart(AppRuntime requester);
}
