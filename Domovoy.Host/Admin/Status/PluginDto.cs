using Domovoy.Core.Plugins;

namespace Domovoy.Host.Admin.Status;

/// <summary>One plugin in the admin API (<c>GET /api/plugins</c>).</summary>
internal sealed record PluginDto(string Name, long? LoadedVersion, string? LastFailure, int FailureStreak, IReadOnlyList<ReloadDto> History, IReadOnlyList<long> LeakedVersions);

/// <summary>One finished load attempt: when, how it ended, the version serving after it, how long it took, why it failed.</summary>
internal sealed record ReloadDto(DateTimeOffset At, PluginEventKind Outcome, long Version, double DurationMs, string? Detail);
