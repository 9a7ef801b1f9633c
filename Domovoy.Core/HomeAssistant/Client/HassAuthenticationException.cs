namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// Home Assistant rejected the access token (<c>auth_invalid</c>). Fatal: the client never retries, since every failed
/// login counts towards Home Assistant's IP ban. The message names where the token came from, never the token.
/// </summary>
public sealed class HassAuthenticationException : Exception
{
    /// <summary>Creates the exception for a token from <c>hass.token</c>.</summary>
    /// <param name="serverMessage">Home Assistant's <c>message</c> text, if any.</param>
    public HassAuthenticationException(string? serverMessage)
        : this(serverMessage, "hass.token")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="serverMessage">Home Assistant's <c>message</c> text, if any.</param>
    /// <param name="tokenSource">Where the token came from (<see cref="HassClientOptions.TokenSource"/>).</param>
    public HassAuthenticationException(string? serverMessage, string tokenSource)
        : base($"Home Assistant rejected the access token from {tokenSource} (auth_invalid: {serverMessage ?? "no message"}). Check {tokenSource} in config.yml (a long-lived access token from your Home Assistant profile); Domovoy does not retry, to avoid an IP ban.")
    {
        ServerMessage = serverMessage;
        TokenSource = tokenSource;
    }

    /// <summary>Home Assistant's message text.</summary>
    public string? ServerMessage { get; }

    /// <summary>Where the token came from, e.g. <c>token_env HASS_TOKEN</c>.</summary>
    public string TokenSource { get; }
}
