using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Domovoy.Host.Admin.Web;

/// <summary>Writes a Server-Sent Events stream (text/event-stream), flushing each event so it arrives at once.</summary>
internal static class ServerSentEvents
{
    public static async Task StartAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one event whose data is <paramref name="data"/> as JSON (one line).</summary>
    public static async Task WriteAsync<T>(HttpResponse response, string eventName, T data, JsonSerializerOptions options, long? id, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(data, options);
        var text = id is { } value ? $"id: {value}\nevent: {eventName}\ndata: {json}\n\n" : $"event: {eventName}\ndata: {json}\n\n";
        await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A comment line that keeps idle connections (and proxies) from timing out.</summary>
    public static async Task KeepAliveAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        await response.WriteAsync(": keep-alive\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
