using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant.Apps;

/// <summary>The start gate's log lines (event ids 2150–2159).</summary>
internal static partial class HassStartGateLog
{
    [LoggerMessage(EventId = 2150, Level = LogLevel.Warning, Message = "Home Assistant's location is unusable for sun events: {Problem}. Set it in Home Assistant, or 'location:' in config.yml (which overrides it). Logged once.")]
    public static partial void UnusableLocation(ILogger logger, string problem);
}
