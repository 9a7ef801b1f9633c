namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>The state of the connection to Home Assistant.</summary>
public enum HassConnectionState
{
    /// <summary>Not connected; a connect attempt follows (after the backoff delay).</summary>
    Disconnected,

    /// <summary>Opening the socket and authenticating.</summary>
    Connecting,

    /// <summary>Authenticated; Home Assistant is still starting (waiting for <c>homeassistant_started</c>).</summary>
    WaitingForStart,

    /// <summary>Authenticated; re-subscribing and re-fetching states.</summary>
    Synchronizing,

    /// <summary>Connected and synchronized.</summary>
    Ready,

    /// <summary>Stopped for good (cancelled, or the token was rejected).</summary>
    Stopped,
}
