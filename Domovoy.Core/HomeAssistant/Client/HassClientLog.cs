using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>The Home Assistant client's log lines users rely on (event ids 2100–2149).</summary>
internal static partial class HassClientLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Home Assistant connection lost or failed ({Reason}); reconnecting in {DelaySeconds:F1} s.")]
    public static partial void ConnectionLost(ILogger logger, string reason, double delaySeconds);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Connected to Home Assistant {Version} at {Uri}.")]
    public static partial void Connected(ILogger logger, string? version, Uri uri);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "hass.url {Uri} is plain ws:// to a host that is not loopback: the access token (from {TokenSource}) and all traffic travel unencrypted. Use wss:// (e.g. through a TLS reverse proxy) unless the network is trusted.")]
    public static partial void TokenInClear(ILogger logger, Uri uri, string tokenSource);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "Home Assistant sent a message of {Size} bytes, above the limit of {Limit} bytes (HassClientOptions.MaxMessageBytes); it was discarded. Raise the limit if messages this large are expected.")]
    public static partial void MessageTooLarge(ILogger logger, long size, long limit);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Debug, Message = "Home Assistant sent an event for unknown subscription id {Id}; unsubscribing it.")]
    public static partial void UnknownSubscription(ILogger logger, int id);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Home Assistant session setup: {Step} failed ({Reason}); the connection stays up and setup continues without it. Logged once.")]
    public static partial void SetupStepFailed(ILogger logger, string step, string reason);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Error, Message = "Home Assistant sent malformed JSON ({Error}); reconnecting.")]
    public static partial void MalformedJson(ILogger logger, string error);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = "Home Assistant did not answer ping within {TimeoutSeconds} s; reconnecting.")]
    public static partial void PingTimeout(ILogger logger, double timeoutSeconds);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Information, Message = "Home Assistant is starting; waiting for homeassistant_started.")]
    public static partial void WaitingForStart(ILogger logger);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Error, Message = "Home Assistant rejected subscription {Type}: {Code}: {Error}; the subscription is dropped.")]
    public static partial void SubscriptionRejected(ILogger logger, string type, string code, string error);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Error, Message = "Handler of Home Assistant subscription {Type} (id {Id}) threw {ExceptionType}: {Error}")]
    public static partial void HandlerThrew(ILogger logger, Exception exception, string type, int id, string exceptionType, string error);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning, Message = "Home Assistant rejected unsubscribe of {Type} (id {Id}): {Code}: {Error}")]
    public static partial void UnsubscribeRejected(ILogger logger, string type, int id, string? code, string? error);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Error, Message = "A Home Assistant connection state handler threw {ExceptionType}: {Error}")]
    public static partial void StateHandlerThrew(ILogger logger, Exception exception, string exceptionType, string error);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Critical, Message = "{Error}")]
    public static partial void AuthenticationFailed(ILogger logger, string error);
}
