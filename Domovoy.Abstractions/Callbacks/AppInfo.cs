namespace Domovoy.Abstractions;

/// <summary>One app instance as a status view shows it.</summary>
/// <param name="Name">The app's registered name.</param>
/// <param name="ClassName">The app class.</param>
/// <param name="Namespace">The app class's namespace.</param>
/// <param name="PluginName">The plugin (folder) it comes from.</param>
/// <param name="PluginVersion">The number of the loaded plugin version the app runs from (0 outside the plugin loader).</param>
/// <param name="Status">Its status.</param>
/// <param name="InstanceId">Increases with every (re)start of any app; a new value means the app was restarted.</param>
/// <param name="QueueLength">Callbacks waiting on the app's queue.</param>
/// <param name="QueueCapacity">How many callbacks the queue holds before dropping.</param>
/// <param name="ProcessedCallbacks">Callbacks run by this instance.</param>
/// <param name="DroppedCallbacks">Callbacks dropped because the queue was full.</param>
/// <param name="ActiveCallbacks">Registered (not cancelled) callbacks.</param>
/// <param name="NextRun">The earliest next run of the app's timers, if any.</param>
public sealed record AppInfo(
    string Name,
    string ClassName,
    string? Namespace,
    string PluginName,
    long PluginVersion,
    AppStatus Status,
    long InstanceId,
    int QueueLength,
    int QueueCapacity,
    long ProcessedCallbacks,
    long DroppedCallbacks,
    int ActiveCallbacks,
    DateTimeOffset? NextRun)
{
    /// <summary>
    /// Problems found in the app's config when it started, e.g. an entity id Home Assistant does not have, with the
    /// closest existing ids (<c>config field Light names light.halway, which Home Assistant does not have (did you mean
    /// light.hallway?)</c>). Empty when none.
    /// </summary>
    public IReadOnlyList<string> ConfigWarnings { get; init; } = [];
}
