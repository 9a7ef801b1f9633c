using Domovoy.Abstractions;

namespace Domovoy.Host.Admin.Status;

/// <summary>The engine's figures in the admin API (<c>GET /api/engine</c>).</summary>
internal sealed record EngineDto(int TotalApps, IReadOnlyDictionary<AppStatus, int> AppsPerStatus, int LoadedPlugins, long Reloads, long FailedReloads, long LeakedPluginVersions, long AbandonedApps, IReadOnlyList<string> DisabledApps);
