using System.Collections.Concurrent;
using Domovoy.Core.Apps.Engine;
using Domovoy.Core.Hosting;
using Domovoy.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Tests.Infrastructure;

/// <summary>A real generic host running the Domovoy engine on a workspace's plugins folder, with observable events.</summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly ConcurrentQueue<object> _events = new();
    private readonly List<(Func<object, bool> Match, TaskCompletionSource<object> Done)> _waiters = [];

    private EngineHost(IHost host, LogSink logs)
    {
        _host = host;
        Logs = logs;
        Engine = host.Services.GetRequiredService<AppEngine>();
        Plugins = host.Services.GetRequiredService<PluginManager>();
        Engine.LifecycleChanged += Add;
        Plugins.PluginChanged += Add;
    }

    public LogSink Logs { get; }

    internal AppEngine Engine { get; }

    internal PluginManager Plugins { get; }

    internal static async Task<EngineHost> StartAsync(PluginWorkspace workspace, Action<DomovoyOptions>? configure = null)
    {
        var logs = new LogSink();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
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

    internal IReadOnlyCollection<object> Events => _events.ToArray();

    /// <summary>Waits for an event (already raised or future) matching <paramref name="match"/>.</summary>
    internal async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan? timeout = null)
        where T : class
    {
        var done = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            var existing = _events.OfType<T>().FirstOrDefault(match);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add((e => e is T t && match(t), done));
        }

        return (T)await done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(90));
    }

    internal Task<PluginEvent> WaitForPluginAsync(PluginEventKind kind, string plugin, long? afterVersion = null)
        => WaitForAsync<PluginEvent>(e => e.Kind == kind && e.PluginName == plugin && (afterVersion is null || e.Version > afterVersion));

    internal long LatestVersion(string plugin)
        => _events.OfType<PluginEvent>().Where(e => e.PluginName == plugin && e.Kind == PluginEventKind.Loaded).Select(e => e.Version).DefaultIfEmpty(0).Max();

    internal IReadOnlyList<AppLifecycleEvent> AppEvents(string app)
        => _events.OfType<AppLifecycleEvent>().Where(e => e.AppName == app).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private void Add(object e)
    {
        lock (_waiters)
        {
            _events.Enqueue(e);
            foreach (var waiter in _waiters.Where(w => w.Match(e)).ToArray())
            {
                waiter.Done.TrySetResult(e);
                _waiters.Remove(waiter);
            }
        }
    }
}
