using System.Net;
using Domovoy.Simulator.Rest;
using Domovoy.Simulator.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Domovoy.Simulator.Hosting;

/// <summary>
/// One Kestrel instance on 127.0.0.1. A restart stops it and starts a new one on the same port, so clients get
/// "connection refused" while the simulated Home Assistant is down, like a real restart.
/// </summary>
internal sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConnectionManager _connections;

    private SimulatorServer(WebApplication app, ConnectionManager connections)
    {
        _app = app;
        _connections = connections;
    }

    public int Port { get; private set; }

    public static async Task<SimulatorServer> StartAsync(SimulatorCore core, ConnectionManager connections, int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        core.Options.ConfigureLogging?.Invoke(builder.Logging);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var rest = new RestApi(core);
        app.Use(rest.AuthorizeAsync);

        // aiohttp's heartbeat=55 pings the client at the transport level.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(55) });
        var stopping = app.Lifetime.ApplicationStopping;
        app.Map("/api/websocket", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            bool refusing;
            lock (core.Gate)
            {
                refusing = core.CoreState == "STOPPING";
            }

            if (refusing)
            {
                // Shutting down for a restart: the listener is about to go away, so refuse like a dead server.
                context.Abort();
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            var connection = new WsConnection(context, socket, connections);
            connections.Add(connection);
            await connection.RunAsync(stopping).ConfigureAwait(false);
        });
        rest.Map(app);

        await app.StartAsync(ct).ConfigureAwait(false);
        var server = new SimulatorServer(app, connections);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections.Snapshot())
        {
            connection.Abort();
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
