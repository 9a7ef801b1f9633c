using System.Net;
using Domovoy.Core.Apps.Engine;
using Domovoy.Core.Plugins;
using Domovoy.Host.Admin.Logs;
using Domovoy.Host.Admin.Security;
using Domovoy.Host.Admin.State;
using Domovoy.Host.Admin.Status;
using Domovoy.Host.Admin.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Domovoy.Host.Admin;

/// <summary>
/// The routes of the status page and admin API (README "Status page"). Reads go through <see cref="StatusReader"/>;
/// actions call the engine and the plugin manager; the access checks run before (see <see cref="AdminAccess"/>).
/// </summary>
internal sealed class AdminEndpoints(
    StatusReader reader,
    AppEngine engine,
    PluginManager plugins,
    LiveLogStore logs,
    AdminMetrics metrics,
    AdminToken token,
    LoginThrottle throttle,
    ChangeSignal changes,
    string stateFilePath,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);
    private readonly object _stateFileGate = new();

    public void Map(IEndpointRouteBuilder routes, CancellationToken stopping)
    {
        routes.MapGet("/", () => Page("index.html"));
        routes.MapGet("/app.js", () => Page("app.js"));
        routes.MapGet("/app.css", () => Page("app.css"));
        routes.MapGet("/login", () => LoginPage(null));
        routes.MapPost("/login", (Func<HttpContext, Task<IResult>>)LoginAsync);
        routes.MapPost("/logout", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(AdminToken.CookieName);
            return Results.Redirect("/login", preserveMethod: false);
        });

        routes.MapGet("/api/status", () => Json(reader.Status()));
        routes.MapGet("/api/apps", () => Json(reader.Apps()));
        routes.MapGet("/api/apps/{name}", (string name) => reader.App(name) is { } app ? Json(app) : NotFound($"no app named '{name}'"));
        routes.MapGet("/api/plugins", () => Json(reader.Plugins()));
        routes.MapGet("/api/engine", () => Json(reader.Engine()));
        routes.MapGet("/api/hass", () => Json(reader.Hass()));
        routes.MapGet("/api/logs", (string? app, string? level) => RecentLogs(app, level));
        routes.MapGet("/api/logs/stream", (HttpContext context, string? app, string? level) => StreamLogsAsync(context, app, level, stopping));
        routes.MapGet("/api/status/stream", (HttpContext context) => StreamStatusAsync(context, stopping));

        routes.MapPost("/api/apps/{name}/restart", (HttpContext context, string name) => ControlAsync(context, name, "restart", () => engine.RestartAppAsync(name, stopping)));
        routes.MapPost("/api/apps/{name}/disable", (HttpContext context, string name) => ControlAsync(context, name, "disable", () => engine.DisableAppAsync(name)));
        routes.MapPost("/api/apps/{name}/enable", (HttpContext context, string name) => ControlAsync(context, name, "enable", () => engine.EnableAppAsync(name, stopping)));
        routes.MapPost("/api/plugins/{name}/retry", (HttpContext context, string name) =>
        {
            AdminLog.PluginRetry(logger, name, context.Connection.RemoteIpAddress);
            return plugins.RetryPlugin(name)
                ? Results.Json(new { plugin = name, retrying = true }, AdminJson.Options, statusCode: StatusCodes.Status202Accepted)
                : NotFound($"no plugin named '{name}' (or the plugins folder is not watched yet)");
        });

        routes.MapMetrics("/metrics", metrics.Registry);
    }

    private static IResult Json<T>(T value) => Results.Json(value, AdminJson.Options);

    private static IResult NotFound(string message) => Results.Json(new { error = message }, AdminJson.Options, statusCode: StatusCodes.Status404NotFound);

    private static IResult Page(string fileName) => Results.Content(AdminAssets.Read(fileName), AdminAssets.ContentType(fileName));

    private static IResult LoginPage(string? error, int status = StatusCodes.Status200OK)
    {
        var html = AdminAssets.Read("login.html").Replace("<!--error-->", error is null ? string.Empty : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>", StringComparison.Ordinal);
        return Results.Content(html, AdminAssets.ContentType("login.html"), statusCode: status);
    }

    /// <summary>Parses the level filter (trace, debug, information, warning, error, critical; default information).</summary>
    private static LogLevel? ParseLevel(string? level) => level?.ToLowerInvariant() switch
    {
        null or "" or "information" or "info" => LogLevel.Information,
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warning" or "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
        _ => null,
    };

    private async Task<IResult> LoginAsync(HttpContext context)
    {
        var client = context.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(client) is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(Math.Max(1, wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return LoginPage($"Too many wrong tokens from this address. Try again in {Math.Ceiling(wait.TotalSeconds)} s.", StatusCodes.Status429TooManyRequests);
        }

        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false) : null;
        if (!token.Matches(form?["token"].ToString().Trim()))
        {
            throttle.RecordFailure(client);
            AdminLog.WrongToken(logger, client, LoginThrottle.MaxFailures);
            return LoginPage("Wrong access token.", StatusCodes.Status401Unauthorized);
        }

        context.Response.Cookies.Append(AdminToken.CookieName, token.SessionValue, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
        return Results.Redirect("/", preserveMethod: false);
    }

    private IResult RecentLogs(string? app, string? level)
    {
        if (ParseLevel(level) is not { } minLevel)
        {
            return Results.Json(new { error = $"unknown level '{level}': use trace, debug, information, warning, error or critical" }, AdminJson.Options, statusCode: StatusCodes.Status400BadRequest);
        }

        if (app is null)
        {
            return Json(logs.Host(minLevel));
        }

        return reader.DisplayName(app) is { } displayName ? Json(logs.App(app, displayName, minLevel)) : NotFound($"no app named '{app}'");
    }

    /// <summary>The kept lines, then every new one as it is logged (event <c>log</c>, id = the line's sequence number).</summary>
    private async Task StreamLogsAsync(HttpContext context, string? app, string? level, CancellationToken stopping)
    {
        var displayName = app is null ? null : reader.DisplayName(app);
        if (ParseLevel(level) is not { } minLevel || (app is not null && displayName is null))
        {
            await RecentLogs(app, level).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var ct = cancel.Token;
        using var subscription = logs.Subscribe();
        long.TryParse(context.Request.Headers["Last-Event-ID"], out var lastSent);
        try
        {
            await ServerSentEvents.StartAsync(context.Response, ct).ConfigureAwait(false);
            foreach (var line in app is null ? logs.Host(minLevel) : logs.App(app, displayName!, minLevel))
            {
                if (line.Seq > lastSent)
                {
                    await ServerSentEvents.WriteAsync(context.Response, "log", line, AdminJson.Options, line.Seq, ct).ConfigureAwait(false);
                    lastSent = line.Seq;
                }
            }

            while (!ct.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                idle.CancelAfter(KeepAliveInterval);
                LogLine line;
                try
                {
                    line = await subscription.Reader.ReadAsync(idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await ServerSentEvents.KeepAliveAsync(context.Response, ct).ConfigureAwait(false);
                    continue;
                }

                if (line.Seq > lastSent && line.Level >= minLevel && (app is null || line.IsAbout(app, displayName!)))
                {
                    await ServerSentEvents.WriteAsync(context.Response, "log", line, AdminJson.Options, line.Seq, ct).ConfigureAwait(false);
                    lastSent = line.Seq;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page was closed or the host is stopping.
        }
    }

    /// <summary>The whole status (event <c>status</c>) whenever it changed: checked on every app, plugin or connection event and every second.</summary>
    private async Task StreamStatusAsync(HttpContext context, CancellationToken stopping)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var ct = cancel.Token;
        string? last = null;
        var lastSent = time.GetTimestamp();
        try
        {
            await ServerSentEvents.StartAsync(context.Response, ct).ConfigureAwait(false);
            while (!ct.IsCancellationRequested)
            {
                var next = changes.Next;
                var status = reader.Status();
                var json = System.Text.Json.JsonSerializer.Serialize(status with { At = default }, AdminJson.Options);
                if (json != last)
                {
                    await ServerSentEvents.WriteAsync(context.Response, "status", status, AdminJson.Options, null, ct).ConfigureAwait(false);
                    last = json;
                    lastSent = time.GetTimestamp();
                }
                else if (time.GetElapsedTime(lastSent) >= KeepAliveInterval)
                {
                    await ServerSentEvents.KeepAliveAsync(context.Response, ct).ConfigureAwait(false);
                    lastSent = time.GetTimestamp();
                }

                await Task.WhenAny(next, Task.Delay(StatusInterval, time, ct)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page was closed or the host is stopping.
        }
    }

    private async Task<IResult> ControlAsync(HttpContext context, string name, string action, Func<Task<AppControlResult>> run)
    {
        AdminLog.AppAction(logger, action, name, context.Connection.RemoteIpAddress);
        var result = await run().ConfigureAwait(false);
        if (result == AppControlResult.Done && action is "disable" or "enable")
        {
            SaveDisabledApps();
        }

        changes.Pulse();
        return result switch
        {
            AppControlResult.Done => Json(reader.App(name)),
            AppControlResult.NotFound => NotFound($"no app named '{name}'"),
            AppControlResult.Disabled => Results.Json(new { error = $"app '{name}' is disabled; enable it to start it" }, AdminJson.Options, statusCode: StatusCodes.Status409Conflict),
            _ => Results.Json(new { error = "the host is stopping" }, AdminJson.Options, statusCode: StatusCodes.Status503ServiceUnavailable),
        };
    }

    private void SaveDisabledApps()
    {
        lock (_stateFileGate)
        {
            try
            {
                AppStateFile.SaveDisabledApps(stateFilePath, engine.DisabledApps);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                AdminLog.StateSaveFailed(logger, stateFilePath, ex.Message);
            }
        }
    }
}
