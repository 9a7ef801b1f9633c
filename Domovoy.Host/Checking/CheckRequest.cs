namespace Domovoy.Host.Checking;

/// <summary>What <c>domovoy check</c> was asked to check.</summary>
/// <param name="Config">config.yml (<c>--config</c>), or null for the default lookup.</param>
/// <param name="Plugins">The plugins folder (<c>--plugins</c>), or null for config.yml's.</param>
/// <param name="Snapshot">The snapshot to check config entity ids against (<c>--snapshot</c>), or null for the one next to config.yml if any.</param>
/// <param name="Strict">Whether warnings fail the check (<c>--strict</c>).</param>
internal sealed record CheckRequest(FileInfo? Config, DirectoryInfo? Plugins, FileInfo? Snapshot, bool Strict);
