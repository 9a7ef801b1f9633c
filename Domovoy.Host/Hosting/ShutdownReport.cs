using Domovoy.Core.Apps.Lifecycle;
using Microsoft.Extensions.Logging;

namespace Domovoy.Host.Hosting;

/// <summary>Names each app abandoned at shutdown and turns the outcome into the process exit code.</summary>
internal static partial class ShutdownReport
{
    /// <returns><see cref="ExitCodes.Success"/> when every app finalized, else <see cref="ExitCodes.AppsAbandoned"/>.</returns>
    public static int Write(IReadOnlyList<AppStopOutcome> outcomes, ILogger logger)
    {
        var abandoned = outcomes.Where(o => o.Abandoned).ToArray();
        foreach (var app in abandoned)
        {
            AbandonedAtShutdown(logger, app.AppName, app.PluginName, app.AbandonedBecause!);
        }

        return abandoned.Length == 0 ? ExitCodes.Success : ExitCodes.AppsAbandoned;
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "App {App} (plugin {Plugin}) was abandoned at shutdown: {Reason}.")]
    private static partial void AbandonedAtShutdown(ILogger logger, string app, string plugin, string reason);
}
