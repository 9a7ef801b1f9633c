using System.Net;

namespace Domovoy.Host.Configuration;

/// <summary>The status page and admin API settings (config.yml <c>admin:</c>).</summary>
internal sealed record AdminConfig
{
    /// <summary>The default port of the status page.</summary>
    public const int DefaultPort = 8091;

    /// <summary>Whether the host serves the status page, admin API and metrics (<c>admin.enabled</c>, default true).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The address to listen on (<c>admin.bind</c>, default 127.0.0.1).</summary>
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port (<c>admin.port</c>, default 8091; 0 picks a free one, which is logged).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The access token from <c>token_env</c> or <c>token_file</c>; null generates one at start-up (loopback only).</summary>
    public string? Token { get; init; }

    /// <summary>Where the token came from, for messages: <c>token_env NAME</c> or <c>token_file PATH</c>; null when generated.</summary>
    public string? TokenSource { get; init; }

    /// <summary>True when <see cref="Bind"/> only accepts connections from this machine.</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Bind);
}
