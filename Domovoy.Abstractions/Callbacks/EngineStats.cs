namespace Domovoy.Abstractions;

/// <summary>A snapshot of the app engine.</summary>
/// <param name="TotalApps">App instances known to the engine.</param>
/// <param name="AppsPerStatus">How many apps are in each status.</param>
/// <param name="LoadedPlugins">Plugins currently loaded.</param>
/// <param name="ReloadCount">Successful plugin reloads since start.</param>
/// <param name="FailedReloads">Reloads that failed and left the previous version running.</param>
/// <param name="LeakedPluginVersions">Unloaded plugin versions whose load context was still alive after the unload check.</param>
/// <param name="AbandonedApps">App instances the host stopped waiting for because they missed the finalize deadline.</param>
public sealed record EngineStats(
    int TotalApps,
    IReadOnlyDictionary<AppStatus, int> AppsPerStatus,
    int LoadedPlugins,
    long ReloadCount,
    long FailedReloads,
    long LeakedPluginVersions,
    long AbandonedApps = 0);
