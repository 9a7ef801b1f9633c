using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Api;

/// <summary>The ServEnts API's log lines users and tests rely on. Event ids 1500–1599.</summary>
internal static partial class ServEntsLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "App {App}: Home Assistant reconnected; re-creating its {Count} ServEnts entities")]
    public static partial void Recreating(ILogger logger, string app, int count);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "App {App}: re-creating its ServEnts entities after a reconnect failed ({Message}); retrying at the next update or reconnect.")]
    public static partial void RecreateFailed(ILogger logger, string app, string message);
}
