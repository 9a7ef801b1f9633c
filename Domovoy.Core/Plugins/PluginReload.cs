namespace Domovoy.Core.Plugins;

/// <summary>One finished load attempt of a plugin, for the reload history.</summary>
/// <param name="At">When the attempt finished (UTC).</param>
/// <param name="Outcome">How it ended: <see cref="PluginEventKind.Loaded"/>, <see cref="PluginEventKind.LoadFailed"/>, <see cref="PluginEventKind.RolledBack"/> or <see cref="PluginEventKind.Removed"/>.</param>
/// <param name="Version">The version number now serving (0 when none).</param>
/// <param name="Duration">From the change being picked up (after the debounce) to the outcome.</param>
/// <param name="Detail">The failure reason, or null.</param>
internal sealed record PluginReload(DateTimeOffset At, PluginEventKind Outcome, long Version, TimeSpan Duration, string? Detail);
