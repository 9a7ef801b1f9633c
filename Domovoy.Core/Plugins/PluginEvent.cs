namespace Domovoy.Core.Plugins;

/// <summary>What happened to a plugin, for observers (tests, benchmarks, status views).</summary>
internal enum PluginEventKind
{
    /// <summary>A new version is loaded and its apps were started.</summary>
    Loaded,

    /// <summary>A change was checked and found to have identical content: nothing reloaded.</summary>
    Unchanged,

    /// <summary>Loading a new version failed; the previous version (if any) keeps running.</summary>
    LoadFailed,

    /// <summary>A new version failed to start; the previous version's apps were started again.</summary>
    RolledBack,

    /// <summary>The plugin folder disappeared; its apps were finalized.</summary>
    Removed,

    /// <summary>An unloaded version's load context was collected.</summary>
    Collected,

    /// <summary>An unloaded version's load context was still alive after the unload check.</summary>
    Leaked,
}

/// <summary>An event of <see cref="PluginManager"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="PluginName">The plugin.</param>
/// <param name="Version">The version number concerned.</param>
/// <param name="Detail">The failure reason, or null.</param>
internal sealed record PluginEvent(PluginEventKind Kind, string PluginName, long Version, string? Detail = null);
