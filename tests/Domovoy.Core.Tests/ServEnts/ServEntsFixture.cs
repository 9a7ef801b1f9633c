using Domovoy.Abstractions;
using Domovoy.Core.Apps.Engine;
using Domovoy.Core.Apps.Registration;
using Domovoy.Core.HomeAssistant.Apps;
using Domovoy.Core.Tests.HomeAssistant;
using Domovoy.Core.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Domovoy.Core.Tests.ServEnts;

/// <summary>The simulator, a connected client and cache, and an <see cref="AppEngine"/> whose apps use them.</summary>
internal sealed class ServEntsFixture : IAsyncDisposable
{
    public static readonly TimeSpan Patience = SimulatorHarness.Patience;

    private readonly ILoggerFactory _loggerFactory;
    private readonly List<(Func<AppLifecycleEvent, bool> Match, TaskCompletionSource Done)> _waiters = [];

    private ServEntsFixture(SimulatorHarness harness, TimeSpan creationTimeout)
    {
        H = harness;
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        Engine = new AppEngine(
            _loggerFactory,
            Options.Create(new DomovoyOptions { ServEntCreationTimeout = creationTimeout }),
            TimeProvider.System,
            null,
            harness.Cache,
            new AppHassFactory(harness.Client, harness.Cache));
        Engine.LifecycleChanged += OnLifecycle;
    }

    public SimulatorHarness H { get; }

    public LogSink Logs { get; } = new();

    public AppEngine Engine { get; }

    public static async Task<ServEntsFixture> CreateAsync(Domovoy.Simulator.SimulatorOptions? simulatorOptions = null, TimeSpan? creationTimeout = null)
    {
        var harness = await SimulatorHarness.CreateAsync(simulatorOptions: simulatorOptions);
        await harness.StartAsync();
        return new ServEntsFixture(harness, creationTimeout ?? TimeSpan.FromSeconds(30));
    }

    /// <summary>Completes at the next lifecycle event matching <paramref name="match"/>; call before causing it.</summary>
    public Task WaitForLifecycleAsync(Func<AppLifecycleEvent, bool> match)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((match, done));
        }

        return done.Task.WaitAsync(Patience);
    }

    public Task WaitForRunningAsync(string app) => WaitForLifecycleAsync(e => e.AppName == app && e.Status == AppStatus.Running);

    public async Task StartAsync(params (string Name, Func<AppBase> Factory)[] apps)
    {
        var running = Task.WhenAll(apps.Select(a => WaitForRunningAsync(a.Name)));
        var registrations = apps.Select(a => new AppRegistration(a.Name, "Test", a.Factory().GetType(), EmptyAppConfig.Instance, a.Factory)).ToArray();
        await Engine.ApplyPluginAsync("Test", registrations, CancellationToken.None);
        await running;
    }

    /// <summary>Completes once the cache shows <paramref name="entityId"/> in a state satisfying <paramref name="match"/>.</summary>
    public async Task<EntityState> WaitForCacheAsync(string entityId, Func<EntityState, bool> match)
    {
        var done = new TaskCompletionSource<EntityState>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = H.Cache.SubscribeEntity(entityId, (_, state) =>
        {
            if (state is not null && match(state))
            {
                done.TrySetResult(state);
            }
        });
        if (H.Cache.GetState(entityId) is { } current && match(current))
        {
            return current;
        }

        return await done.Task.WaitAsync(Patience);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await H.DisposeAsync();
        _loggerFactory.Dispose();
        Logs.Dispose();
    }

    private void OnLifecycle(AppLifecycleEvent e)
    {
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(e)).ToArray())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
