using Domovoy.Core.Apps.Engine;
using Domovoy.Core.HomeAssistant;
using Domovoy.Core.Hosting;
using Domovoy.Core.Plugins;
using Domovoy.Simulator;
using Domovoy.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Tests.Infrastructure;

/// <summary>A real generic host running the Domovoy engine on a workspace's plugins folder, with observable events.</summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly Recorder<object> _events = new();

    private EngineHost(IHost host, LogSink logs)
    {
        _host = host;
        Logs = logs;
        Engine = host.Services.GetRequiredService<AppEngine>();
        Plugins = host.Services.GetRequiredService<PluginManager>();
        Engine.LifecycleChanged += _events.Add;
        Plugins.PluginChanged += _events.Add;
    }

    public LogSink Logs { get; }

    internal AppEngine Engine { get; }

    internal PluginManager Plugins { get; }

    /// <summary>The host's services (for wiring a writer such as the watch compile loop).</summary>
    internal IServiceProvider Services => _host.Services;

    /// <param name="hass">When given, the engine connects to this simulated Home Assistant (apps get Hass, ServEnts and events).</param>
    internal static async Task<EngineHost> StartAsync(PluginWorkspace workspace, Action<DomovoyOptions>? configure = null, HomeAssistantSimulator? hass = null)
    {
        var logs = new LogSink();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        if (hass is not null)
        {
            builder.Services.AddDomovoyHomeAssistant(o =>
            {
                o.Uri = hass.WebSocketUri;
                o.AccessToken = hass.AccessToken;
                o.ReconnectMinDelay = TimeSpan.FromMilliseconds(50);
                o.ReconnectMaxDelay = TimeSpan.FromMilliseconds(500);
                o.AuthFailureExitCode = 0;
            });
        }

        builder.Services.AddDomovoyEngine(o =>
        {
            o.PluginsPath = workspace.PluginsPath;
            o.ShadowPath = workspace.ShadowPath;
            o.ReloadDebounce = TimeSpan.FromMilliseconds(150);
            o.FinalizeTimeout = TimeSpan.FromSeconds(5);
            configure?.Invoke(o);
        });
        var host = builder.Build();
        var engineHost = new EngineHost(host, logs);
        await host.StartAsync();
        await engineHost.Plugins.InitialLoad.WaitAsync(TimeSpan.FromMinutes(1));
        return engineHost;
    }

    internal IReadOnlyCollection<object> Events => _events.Items;

    /// <summary>Waits for an event (already raised or future) matching <paramref name="match"/>.</summary>
    internal async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan? timeout = null)
        where T : class
    {
        try
        {
            return (T)await _events.WaitForAsync(e => e is T t && match(t), timeout ?? TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No matching {typeof(T).Name} in time. Events: {string.Join(", ", _events.Items)}\nLog:\n{Logs.AllText}");
            throw;
        }
    }

    internal Task<PluginEvent> WaitForPluginAsync(PluginEventKind kind, string plugin, long? afterVersion = null)
        => WaitForAsync<PluginEvent>(e => e.Kind == kind && e.PluginName == plugin && (afterVersion is null || e.Version > afterVersion));

    internal long LatestVersion(string plugin)
        => _events.Items.OfType<PluginEvent>().Where(e => e.PluginName == plugin && e.Kind == PluginEventKind.Loaded).Select(e => e.Version).DefaultIfEmpty(0).Max();

    internal IReadOnlyList<AppLifecycleEvent> AppEvents(string app)
        => _events.Items.OfType<AppLifecycleEvent>().Where(e => e.AppName == app).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
