using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Plugins.Loading;

/// <summary>Log messages about the shadow copy folder (event ids 1350–1399, next to the plugin messages).</summary>
internal static partial class ShadowLog
{
    [LoggerMessage(EventId = 1350, Level = LogLevel.Debug, Message = "Shadow copies of this host instance go to {Path}")]
    public static partial void InstanceCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 1351, Level = LogLevel.Information, Message = "Removed {Count} shadow copy folder(s) from {Path} left by host instances that did not shut down cleanly")]
    public static partial void StaleInstancesRemoved(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 1352, Level = LogLevel.Warning, Message = "Shadow copy folder {Path} had mode {Mode}; set it to 0700 so that only this user can read or change the plugin copies in it")]
    public static partial void RootTightened(ILogger logger, string path, string mode);

    [LoggerMessage(EventId = 1353, Level = LogLevel.Warning, Message = "Cannot use {Path} for shadow copies ({Reason}); using {Fallback} instead")]
    public static partial void DefaultRootUnusable(ILogger logger, string path, string reason, string fallback);
}
