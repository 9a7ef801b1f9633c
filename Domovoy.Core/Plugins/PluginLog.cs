using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Plugins;

/// <summary>The plugin manager's log lines users and tests rely on. Event ids 1300–1399.</summary>
internal static partial class PluginLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Loading plugins from {Path}")]
    public static partial void LoadingPlugins(ILogger logger, string path);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "The plugins folder {Path} did not exist; created it. Build your app projects into it (one subfolder per plugin).")]
    public static partial void PluginsFolderMissing(ILogger logger, string path);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "The plugins folder {Path} holds no plugins yet; build an app project into it (one subfolder per plugin, named after its main assembly).")]
    public static partial void NoPlugins(ILogger logger, string path);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Critical, Message = "Apps are not started: {Reason}")]
    public static partial void AppsNotStarted(ILogger logger, string reason);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Debug, Message = "Plugin {Plugin} is not completely written yet ({Reason}); checking again shortly.")]
    public static partial void NotReady(ILogger logger, string plugin, string reason);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Debug, Message = "Plugin {Plugin}: files touched but their content equals the running version; no reload.")]
    public static partial void Unchanged(ILogger logger, string plugin);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Debug, Message = "Plugin {Plugin}: content equals the last failed attempt; not retried until it changes.")]
    public static partial void SameAsFailed(ILogger logger, string plugin);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Information, Message = "Plugin {Plugin}: the folder holds version {Version} again, which is running; nothing to reload.")]
    public static partial void BackToRunningContent(ILogger logger, string plugin, long version);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Information, Message = "Loading plugin {Plugin} from {Path}")]
    public static partial void LoadingPlugin(ILogger logger, string plugin, string path);

    [LoggerMessage(EventId = 1309, Level = LogLevel.Information, Message = "File changed: {Path}")]
    public static partial void FileChanged(ILogger logger, string path);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Error, Message = "{Error}")]
    public static partial void RegistrationRejected(ILogger logger, string error);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Plugin {Plugin} version {Version} loaded with {Running} app(s)")]
    public static partial void Loaded(ILogger logger, string plugin, long version, int running);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Error, Message = "Plugin {Plugin} version {Version} loaded with {Running} of {Total} app(s) running; failed: {Failures}")]
    public static partial void LoadedWithFailures(ILogger logger, string plugin, long version, int running, int total, string failures);

    [LoggerMessage(EventId = 1313, Level = LogLevel.Information, Message = "Plugin {Plugin} was removed; finalizing its apps.")]
    public static partial void Removed(ILogger logger, string plugin);

    [LoggerMessage(EventId = 1314, Level = LogLevel.Error, Message = "Failed to {Verb} plugin {Plugin}: {Reason}. {Serving} {Next}")]
    public static partial void ReloadFailed(ILogger logger, Exception? exception, string verb, string plugin, string reason, string serving, string next);

    [LoggerMessage(EventId = 1315, Level = LogLevel.Warning, Message = "Plugin {Plugin} failed to reload {Count} times in a row for the same reason; repeats are logged at debug level until the reason changes or a version loads. {Serving}")]
    public static partial void FailedAgain(ILogger logger, string plugin, int count, string serving);

    [LoggerMessage(EventId = 1316, Level = LogLevel.Debug, Message = "Plugin {Plugin} failed to reload again ({Count} times in a row): {Reason}")]
    public static partial void FailedAgainQuiet(ILogger logger, string plugin, int count, string reason);

    [LoggerMessage(EventId = 1317, Level = LogLevel.Information, Message = "Plugin {Plugin} loaded after {Count} failed attempts in a row.")]
    public static partial void LoadedAfterFailures(ILogger logger, string plugin, int count);

    [LoggerMessage(EventId = 1318, Level = LogLevel.Debug, Message = "Plugin {Plugin} version {Version} unloaded and collected.")]
    public static partial void Collected(ILogger logger, string plugin, long version);

    [LoggerMessage(EventId = 1319, Level = LogLevel.Warning, Message = "Plugin {Plugin} version {Version} was unloaded but its load context is still alive after {Rounds} GC rounds: something still references the plugin's code (a static event, timer, thread, cache or an abandoned app). Each leaked version costs memory until the host restarts.")]
    public static partial void Leaked(ILogger logger, string plugin, long version, int rounds);

    [LoggerMessage(EventId = 1320, Level = LogLevel.Error, Message = "A plugin event observer threw")]
    public static partial void ObserverThrew(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1321, Level = LogLevel.Information, Message = "Plugin {Plugin}: retry requested; its folder is checked again, also if unchanged since the last failed attempt.")]
    public static partial void RetryRequested(ILogger logger, string plugin);
    [LoggerMessage(EventId = 1322, Level = LogLevel.Warning, Message = "{Folder} was written by domovoy watch but is not a plugin folder of {Plugins}: the host does not load it. Build the app into <plugins folder>/<ProjectName>/ (OutputPath).")]
    public static partial void WrittenOutsidePlugins(ILogger logger, string folder, string plugins);
}
