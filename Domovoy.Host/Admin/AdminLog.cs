using System.Net;
using Microsoft.Extensions.Logging;

namespace Domovoy.Host.Admin;

/// <summary>The status page's log lines users rely on. Event ids 1420–1439.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 1420, Level = LogLevel.Information, Message = "Status page: {Url} (access token from {Source})")]
    public static partial void Serving(ILogger logger, string url, string source);

    // The one place the token is ever written: generated for this run, loopback only, so its owner can log in.
    [LoggerMessage(EventId = 1421, Level = LogLevel.Information, Message = "Status page: {Url} — log in with the access token {Token} (generated for this run; set admin.token_env or admin.token_file in config.yml for a fixed one)")]
    public static partial void ServingWithGeneratedToken(ILogger logger, string url, string token);

    [LoggerMessage(EventId = 1422, Level = LogLevel.Warning, Message = "Status page port {ConfiguredPort} (admin.port in config.yml) is taken by another program; the status page listens on port {Port} instead. Free the port or set admin.port to another one (0 picks a free port).")]
    public static partial void PortTaken(ILogger logger, int configuredPort, int port);

    [LoggerMessage(EventId = 1423, Level = LogLevel.Warning, Message = "Status page: refused a wrong access token from {Client} ({Failures} failed attempts are allowed per minute)")]
    public static partial void WrongToken(ILogger logger, IPAddress? client, int failures);

    [LoggerMessage(EventId = 1424, Level = LogLevel.Warning, Message = "Status page: refused a cross-site {Method} {Path} (Origin {Origin}, Sec-Fetch-Site {FetchSite})")]
    public static partial void CrossSiteRefused(ILogger logger, string method, string path, string? origin, string? fetchSite);

    [LoggerMessage(EventId = 1425, Level = LogLevel.Information, Message = "Status page: {Action} of app {App} requested from {Client}")]
    public static partial void AppAction(ILogger logger, string action, string app, IPAddress? client);

    [LoggerMessage(EventId = 1426, Level = LogLevel.Error, Message = "Could not save the disabled apps to {Path}: {Message}. The change applies until the host restarts; fix the file's permissions to keep it.")]
    public static partial void StateSaveFailed(ILogger logger, string path, string message);

    [LoggerMessage(EventId = 1427, Level = LogLevel.Information, Message = "Status page: retry of plugin {Plugin} requested from {Client}")]
    public static partial void PluginRetry(ILogger logger, string plugin, IPAddress? client);
}
