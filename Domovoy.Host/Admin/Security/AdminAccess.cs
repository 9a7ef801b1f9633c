using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Domovoy.Host.Admin.Security;

/// <summary>
/// Guards every request of the status page and admin API: state-changing requests (POST) must come from the page itself
/// (Origin and Sec-Fetch-Site checks), and everything but the login page and the stylesheet needs the token, as a
/// <c>Bearer</c> header or the session cookie the login form sets. Wrong tokens count as failed logins (rate-limited).
/// </summary>
internal sealed class AdminAccess(AdminToken token, LoginThrottle throttle, ILogger logger)
{
    /// <summary>The failed-login limiter shared with the login form.</summary>
    public LoginThrottle Throttle => throttle;

    /// <summary>Paths served without the token.</summary>
    private static readonly string[] PublicPaths = ["/login", "/app.css", "/favicon.ico"];

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
        // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts, which the cross-site check refuses.
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && IsCrossSite(request))
        {
            AdminLog.CrossSiteRefused(logger, request.Method, request.Path, request.Headers.Origin, request.Headers["Sec-Fetch-Site"]);
            await WriteErrorAsync(context, StatusCodes.Status403Forbidden, "cross-site request refused: actions are only accepted from the status page itself").ConfigureAwait(false);
            return;
        }

        if (PublicPaths.Contains(request.Path.Value, StringComparer.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var client = context.Connection.RemoteIpAddress;
        var bearer = BearerOf(request);
        if (bearer is null && token.MatchesSession(request.Cookies[AdminToken.CookieName]))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (throttle.RetryAfter(client) is { } wait)
        {
            await RefuseThrottledAsync(context, wait).ConfigureAwait(false);
            return;
        }

        if (bearer is not null)
        {
            if (token.Matches(bearer))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            throttle.RecordFailure(client);
            AdminLog.WrongToken(logger, client, LoginThrottle.MaxFailures);
        }

        if (IsApi(request))
        {
            headers.WWWAuthenticate = "Bearer realm=\"domovoy\"";
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "the access token is missing or wrong: send 'Authorization: Bearer <token>' (the token is in the host's log when generated, else in admin.token_env / admin.token_file)").ConfigureAwait(false);
            return;
        }

        context.Response.Redirect("/login");
    }

    /// <summary>Answers 429 with Retry-After (whole seconds).</summary>
    public static Task RefuseThrottledAsync(HttpContext context, TimeSpan wait)
    {
        context.Response.Headers.RetryAfter = Math.Ceiling(Math.Max(1, wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, $"too many wrong tokens from this address; try again in {Math.Ceiling(wait.TotalSeconds)} s");
    }

    private static bool IsApi(HttpRequest request)
        => request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal) || request.Headers.Authorization.Count > 0;

    private static string? BearerOf(HttpRequest request)
    {
        var value = request.Headers.Authorization.ToString();
        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..].Trim() : null;
    }

    /// <summary>
    /// A browser names where a request comes from: Sec-Fetch-Site (same-origin, or none for a typed URL) and Origin (must
    /// be this host). Clients that send neither (curl, scripts with the Bearer token) are not browsers being tricked.
    /// </summary>
    private static bool IsCrossSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = message });
    }
}
