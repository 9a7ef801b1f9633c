using System.Net;
using Domovoy.Core.Apps.Engine;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.Plugins;
using Domovoy.Host.Admin.Logs;
using Domovoy.Host.Admin.Security;
using Domovoy.Host.Admin.Status;
using Domovoy.Host.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Domovoy.Host.Admin;

/// <summary>
/// Serves the status page, admin API and metrics on Kestrel inside the host's process: its own small web application
/// (so the host stays a generic host) that reads the host's engine, plugin manager and connection. Starts after the
/// engine, stops first; open live streams end when it stops.
/// </summary>
internal sealed class AdminServer(
    AdminConfig config,
    bool simulatedHomeAssistant,
    string stateFilePath,
    AdminToken token,
    LiveLogStore logs,
    AppEngine engine,
    PluginManager plugins,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    TimeProvider time) : IHostedLifecycleService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Domovoy.Admin");
    private readonly ChangeSignal _changes = new();
    private readonly CancellationTokenSource _stopping = new();
    private HassConnectionMonitor? _hass;
    private WebApplication? _app;

    /// <summary>The page's address once started (e.g. <c>http://127.0.0.1:8091/</c>).</summary>
    public Uri? Address { get; private set; }

    /// <summary>Watches the connection and the engine before anything starts, so the first connection and load are seen.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<HassWebSocketClient>() is { } client)
        {
            _hass = new HassConnectionMonitor(client, time, simulatedHomeAssistant);
            _hass.Changed += _changes.Pulse;
        }

        engine.LifecycleChanged += OnLifecycleChanged;
        plugins.PluginChanged += OnPluginChanged;
        logs.Redact(token.Value);
        return Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _app = await StartWebAsync(config.Port, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (config.Port != 0)
        {
            // The port is taken (e.g. a second host on this machine): any free port serves the page; the warning names it.
            _app = await StartWebAsync(0, cancellationToken).ConfigureAwait(false);
            AdminLog.PortTaken(_logger, config.Port, Address!.Port);
        }

        if (token.IsGenerated)
        {
            AdminLog.ServingWithGeneratedToken(_logger, Address!.ToString(), token.Value);
        }
        else
        {
            AdminLog.Serving(_logger, Address!.ToString(), config.TokenSource ?? "config.yml");
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        // Ends the live streams at once, so stopping Kestrel does not wait for them.
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        engine.LifecycleChanged -= OnLifecycleChanged;
        plugins.PluginChanged -= OnPluginChanged;
        _hass?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private void OnLifecycleChanged(AppLifecycleEvent e) => _changes.Pulse();

    private void OnPluginChanged(PluginEvent e) => _changes.Pulse();

    private async Task<WebApplication> StartWebAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(AdminServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(config.Bind, port);
        });
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        var app = builder.Build();

        var reader = new StatusReader(engine, plugins, _hass, time);
        var access = new AdminAccess(token, new LoginThrottle(time), _logger);
        app.Use(access.InvokeAsync);
        new AdminEndpoints(reader, engine, plugins, logs, new AdminMetrics(reader, _hass), token, access.Throttle, _changes, stateFilePath, time, _logger)
            .Map(app, _stopping.Token);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var actualPort = new Uri(address).Port;
        var host = config.Bind.Equals(IPAddress.Any) || config.Bind.Equals(IPAddress.IPv6Any) ? Dns.GetHostName() : config.Bind.ToString();
        Address = new UriBuilder("http", host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host, actualPort, "/").Uri;
        return app;
    }
}
