using Microsoft.Extensions.Logging;

namespace Domovoy.Watch;

/// <summary>The compile loop's log lines users rely on. Event ids 1700–1799.</summary>
internal static partial class WatchLog
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Watching {Count} app project(s) for changes: {Projects} (workspace opened in {Milliseconds} ms)")]
    public static partial void Watching(ILogger logger, int count, string projects, long milliseconds);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "{Project}: compiled in {Milliseconds} ms, wrote {Files}")]
    public static partial void Wrote(ILogger logger, string project, long milliseconds, string files);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "{Project}: compiled in {Milliseconds} ms, output unchanged")]
    public static partial void Unchanged(ILogger logger, string project, long milliseconds);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Error, Message = "{Project}: build failed with {Errors} error(s); nothing was written and the running version is untouched. Fix it and save again.")]
    public static partial void BuildFailed(ILogger logger, string project, int errors);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Error, Message = "{Diagnostic}")]
    public static partial void CompilerError(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 1705, Level = LogLevel.Warning, Message = "{Diagnostic}")]
    public static partial void CompilerWarning(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 1706, Level = LogLevel.Information, Message = "{Reason}: the in-process compiler does not model this, running dotnet build for {Projects} and reopening the workspace")]
    public static partial void FallingBack(ILogger logger, string reason, string projects);

    [LoggerMessage(EventId = 1707, Level = LogLevel.Information, Message = "dotnet build: {Line}")]
    public static partial void BuildOutput(ILogger logger, string line);

    [LoggerMessage(EventId = 1708, Level = LogLevel.Error, Message = "dotnet build failed for {Project}; the running version is untouched. Fix it and save again.")]
    public static partial void FallbackFailed(ILogger logger, string project);

    [LoggerMessage(EventId = 1709, Level = LogLevel.Error, Message = "Could not open {Project}: {Reason}. Fix the project file and save it again.")]
    public static partial void OpenFailed(ILogger logger, string project, string reason);

    [LoggerMessage(EventId = 1710, Level = LogLevel.Warning, Message = "Loading the workspace: {Message}")]
    public static partial void WorkspaceDiagnostic(ILogger logger, string message);

    [LoggerMessage(EventId = 1711, Level = LogLevel.Error, Message = "The compile loop failed on {Trigger}; it keeps watching.")]
    public static partial void CycleFailed(ILogger logger, Exception exception, string trigger);


    [LoggerMessage(EventId = 1712, Level = LogLevel.Information, Message = "{Project} is not an app: it builds into {Directory}, not into a folder of the plugins folder {Plugins}; it is compiled only for the apps that use it.")]
    public static partial void NotAnApp(ILogger logger, string project, string directory, string plugins);

    [LoggerMessage(EventId = 1713, Level = LogLevel.Error, Message = "None of {Projects} is an app project building into a folder of the plugins folder {Plugins} (OutputPath <plugins>/<ProjectName>/); nothing will be compiled.")]
    public static partial void NoApps(ILogger logger, string projects, string plugins);
}
