namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// Home Assistant rejected the access token (<c>auth_invalid</c>). Fatal: the client never retries, since every failed
/// login counts towards Home Assistant's IP ban. The message never contains the token.
/// </summary>
public sealed class HassAuthenticationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="serverMessage">Home Assistant's <c>message</c> text, if any.</param>
    public HassAuthenticationException(string? serverMessage)
        : base($"Home Assistant rejected the access token (auth_invalid: {serverMessage ?? "no message"}). Check hass.token in config.yml; Domovoy does not retry, to avoid an IP ban.")
    {
        ServerMessage = serverMessage;
    }

    /// <summary>Home Assistant's message text.</summary>
    public string? ServerMessage { get; }
}
