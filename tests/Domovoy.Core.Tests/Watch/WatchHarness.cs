using Domovoy.Core.Plugins.Watching;
using Domovoy.Core.Tests.Infrastructure;
using Domovoy.Tests.Shared;
using Domovoy.Watch;
using Microsoft.Extensions.DependencyInjection;

namespace Domovoy.Core.Tests.Watch;

/// <summary>
/// A real engine host on a workspace's plugins folder plus the watch compile loop on its projects, wired the way
/// <c>domovoy watch</c> wires them (finished writes go to the host's <see cref="PluginWriteSignal"/>).
/// </summary>
internal sealed class WatchHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CompileLoop _loop;
    private readonly Task _running;
    private readonly Recorder<WatchCycle> _cycles = new();

    private WatchHarness(EngineHost host, CompileLoop loop)
    {
        Host = host;
        _loop = loop;
        _loop.CycleCompleted += _cycles.Add;
        _loop.OutputWritten += host.Services.GetRequiredService<PluginWriteSignal>().Written;
        _running = _loop.RunAsync(_stop.Token);
    }

    public EngineHost Host { get; }

    public IReadOnlyList<WatchCycle> Cycles => _cycles.Items;

    /// <summary>Starts the host (its initial load done), then the loop on <paramref name="projects"/> (folder names in the workspace's src).</summary>
    public static async Task<WatchHarness> StartAsync(PluginWorkspace workspace, params string[] projects)
    {
        RegisterMsBuild();
        var host = await EngineHost.StartAsync(workspace);
        var options = new WatchOptions
        {
            Projects = projects.Select(p => Path.Combine(workspace.SourcePath, p, $"{p}.csproj")).ToArray(),
            PluginsPath = workspace.PluginsPath,
        };
        return new WatchHarness(host, new CompileLoop(options, TimeProvider.System, host.Logs.CreateLogger("Domovoy.Watch")));
    }

    /// <summary>Before anything loads a Microsoft.Build type (its own method, so the JIT loads nothing early).</summary>
    public static void RegisterMsBuild() => MsBuildRegistration.EnsureRegistered();

    /// <summary>Waits for a round of the loop (already done or future) matching <paramref name="match"/>.</summary>
    public async Task<WatchCycle> WaitForCycleAsync(Func<WatchCycle, bool> match, string what)
    {
        try
        {
            return await _cycles.WaitForAsync(match, TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No watch round: {what}. Rounds: {string.Join(" | ", _cycles.Items)}\nLog:\n{Host.Logs.AllText}");
            throw;
        }
    }

    /// <summary>The first round after <paramref name="count"/> rounds matching <paramref name="match"/>.</summary>
    public Task<WatchCycle> WaitForNextCycleAsync(int count, Func<WatchCycle, bool> match, string what)
        => WaitForCycleAsync(c => _cycles.Items.Count > count && _cycles.Items.Skip(count).Contains(c) && match(c), what);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _loop.Dispose();
        await Host.DisposeAsync();
        _stop.Dispose();
    }
}
