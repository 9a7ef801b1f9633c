namespace Domovoy.Core.Plugins;

/// <summary>One plugin as status views (the host's admin API) see it.</summary>
/// <param name="Name">The plugin (its folder's name).</param>
/// <param name="LoadedVersion">The number of the version serving, or null when none is loaded.</param>
/// <param name="LastFailure">The reason of the last failed attempt since the last success, or null.</param>
/// <param name="FailureStreak">How many attempts in a row failed with that reason.</param>
/// <param name="History">The latest finished attempts, oldest first (at most <see cref="PluginManager.HistoryLength"/>).</param>
/// <param name="LeakedVersions">Unloaded version numbers whose load context stayed alive (a leak; see the log).</param>
internal sealed record PluginStatusView(string Name, long? LoadedVersion, string? LastFailure, int FailureStreak, IReadOnlyList<PluginReload> History, IReadOnlyList<long> LeakedVersions);
