using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.HomeAssistant.State;
using Domovoy.Core.Tests.Infrastructure;
using Domovoy.Simulator;

namespace Domovoy.Core.Tests.HomeAssistant;

/// <summary>A simulator plus a connected client, cache and synchronizer with test-friendly intervals.</summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<(Func<HassConnectionStateChangedEventArgs, bool> Match, TaskCompletionSource Done)> _stateWaiters = [];

    private SimulatorHarness(HomeAssistantSimulator simulator, HassClientOptions options)
    {
        Simulator = simulator;
        Options = options;
        var logger = Log.CreateLogger("Domovoy.HomeAssistant");
        Client = new HassWebSocketClient(options, logger, TimeProvider.System);
        Cache = new HassStateCache(logger, TimeProvider.System);
        Synchronizer = new HassStateSynchronizer(Client, Cache, logger);
        Client.StateChanged += OnStateChanged;
    }

    public HomeAssistantSimulator Simulator { get; }

    public HassClientOptions Options { get; }

    public LogSink Log { get; } = new();

    public HassWebSocketClient Client { get; }

    public HassStateCache Cache { get; }

    public HassStateSynchronizer Synchronizer { get; }

    public Task? Run { get; private set; }

    public static async Task<SimulatorHarness> CreateAsync(Action<HassClientOptions>? configure = null, Func<HomeAssistantSimulator, Task>? seed = null, SimulatorOptions? simulatorOptions = null)
    {
        var simulator = await HomeAssistantSimulator.StartAsync(simulatorOptions ?? new SimulatorOptions { Port = 0 });
        if (seed is not null)
        {
            await seed(simulator);
        }

        var options = new HassClientOptions
        {
            Uri = simulator.WebSocketUri,
            AccessToken = simulator.AccessToken,
            CommandTimeout = TimeSpan.FromSeconds(30),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        };
        configure?.Invoke(options);
        return new SimulatorHarness(simulator, options);
    }

    public Task StartAsync()
    {
        Run = Task.Run(() => Client.RunAsync(_stop.Token));
        return Client.Ready.WaitAsync(Patience);
    }

    /// <summary>Completes at the next state change matching <paramref name="match"/> (register before triggering it).</summary>
    public Task WaitForStateAsync(Func<HassConnectionStateChangedEventArgs, bool> match)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_stateWaiters)
        {
            _stateWaiters.Add((match, done));
        }

        return done.Task.WaitAsync(Patience);
    }

    public Task WaitForReadyCountAsync(long count)
    {
        var task = WaitForStateAsync(e => e.State == HassConnectionState.Ready && Client.ReadyCount >= count);
        return Client.ReadyCount >= count && Client.State == HassConnectionState.Ready ? Task.CompletedTask : task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (Run is not null)
        {
            try
            {
                await Run.WaitAsync(Patience);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HassAuthenticationException)
            {
            }
        }

        await Simulator.DisposeAsync();
        _stop.Dispose();
    }

    private void OnStateChanged(object? sender, HassConnectionStateChangedEventArgs e)
    {
        lock (_stateWaiters)
        {
            foreach (var waiter in _stateWaiters.Where(w => w.Match(e)).ToArray())
            {
                waiter.Done.TrySetResult();
                _stateWaiters.Remove(waiter);
            }
        }
    }
}
