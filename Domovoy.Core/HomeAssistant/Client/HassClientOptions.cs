namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>Settings of the Home Assistant WebSocket connection (from config.yml <c>hass: {url, token}</c>).</summary>
public sealed class HassClientOptions
{
    /// <summary>
    /// The WebSocket endpoint, e.g. <c>ws://homeassistant.local:8123/api/websocket</c>. An <c>http(s)://host:port</c> URL
    /// without a path is accepted too and mapped to <c>ws(s)://host:port/api/websocket</c>.
    /// </summary>
    public Uri? Uri { get; set; }

    /// <summary>The long-lived access token. Never logged.</summary>
    public string AccessToken { get; set; } = string.Empty;

    /// <summary>
    /// Where the token came from, for the auth failure message, e.g. <c>hass.token</c>, <c>token_env HASS_TOKEN</c> or
    /// <c>token_file /etc/domovoy/token</c>. Never the token itself.
    /// </summary>
    public string TokenSource { get; set; } = "hass.token";

    /// <summary>
    /// The largest message accepted from Home Assistant, in bytes (a whole WebSocket message, i.e. all its frames);
    /// default 64 MiB (67,108,864). A larger message is discarded unread with an error naming its size and this
    /// option; the connection stays up. A command whose result was discarded fails with <see cref="TimeoutException"/>.
    /// </summary>
    public long MaxMessageBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// How long a command issued while disconnected (or while the connection is still synchronizing) waits for the
    /// connection before failing with <c>HassConnectionException</c>; default 60 s. A per-call override exists on the
    /// app API (<c>IHassPlugin.CallServiceAsync(..., connectionWaitTimeout)</c>).
    /// </summary>
    public TimeSpan ConnectionWaitTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a command waits for its result.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the handshake (auth_required → auth_ok) may take.</summary>
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an app-level <c>ping</c> is sent.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A ping without pong within this time drops the connection and reconnects.</summary>
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first reconnect delay.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The reconnect delay cap.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The process exit code set when Home Assistant rejects the token (the hosted service then stops the host);
    /// 0 leaves the exit code alone.
    /// </summary>
    public int AuthFailureExitCode { get; set; } = 3;

    /// <summary>
    /// True when the token would travel unencrypted: a <c>ws://</c> (or <c>http://</c>) URI whose host is not a
    /// loopback address (<c>localhost</c>, 127.0.0.0/8, ::1).
    /// </summary>
    public bool SendsTokenInClear
    {
        get
        {
            var uri = GetWebSocketUri();
            return uri.Scheme == "ws" && !uri.IsLoopback;
        }
    }

    /// <summary>Returns the WebSocket URI to connect to.</summary>
    /// <returns>The endpoint.</returns>
    /// <exception cref="InvalidOperationException">No URI is configured.</exception>
    public Uri GetWebSocketUri()
    {
        var uri = Uri ?? throw new InvalidOperationException("hass.url is not configured.");
        var builder = new UriBuilder(uri);
        builder.Scheme = builder.Scheme switch
        {
            "http" => "ws",
            "https" => "wss",
            _ => builder.Scheme,
        };
        if (builder.Path is "" or "/")
        {
            builder.Path = "/api/websocket";
        }

        return builder.Uri;
    }
}
