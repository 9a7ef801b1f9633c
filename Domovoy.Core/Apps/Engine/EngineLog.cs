using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Engine;

/// <summary>The app engine's log lines users and tests rely on. Event ids 1200–1299.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Reloading app: {App}")]
    public static partial void ReloadingApp(ILogger logger, string app);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "App name '{App}' from plugin '{Plugin}' is already used by plugin '{Owner}'; the new registration was rejected and the running app keeps running. Rename one of them.")]
    public static partial void NameConflict(ILogger logger, string app, string plugin, string owner);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "App {App} failed: {Reason}")]
    public static partial void CreateFailed(ILogger logger, Exception? exception, string app, string reason);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "Restarting app {App} failed: {Message}")]
    public static partial void RestartFailed(ILogger logger, Exception exception, string app, string message);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "A lifecycle observer threw for app {App}")]
    public static partial void ObserverThrew(ILogger logger, Exception exception, string app);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "Plugin {Plugin}: waiting for Home Assistant to be connected before starting its apps (up to {Timeout} s)…")]
    public static partial void WaitingForHomeAssistant(ILogger logger, string plugin, double timeout);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Error, Message = "Plugin {Plugin}: rolling back, app {App} of the previous version did not start again either: {Reason}")]
    public static partial void RollbackAppFailed(ILogger logger, string plugin, string app, string reason);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "App {App}: a restart was requested by an instance that no longer runs (stopped, abandoned or replaced by a reload); ignored.")]
    public static partial void StaleRestartIgnored(ILogger logger, string app);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Warning, Message = "App {App}: {Warning}. Fix the id in the app's registration, or rename the entity in Home Assistant.")]
    public static partial void UnknownConfigEntity(ILogger logger, string app, string warning);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Information, Message = "App {App} disabled: stopped, and not started again (also after reloads and host restarts) until it is enabled")]
    public static partial void AppDisabled(ILogger logger, string app);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "App {App} enabled")]
    public static partial void AppEnabled(ILogger logger, string app);
}
