using Domovoy.Core.Plugins.Watching;
using Domovoy.Watch;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Domovoy.Host.Watching;

/// <summary>
/// Runs the compile loop beside the host and hands each finished write to the plugin manager (data flows one way:
/// compile loop → <see cref="PluginWriteSignal"/> → plugin manager → engine).
/// </summary>
internal sealed class WatchService : BackgroundService
{
    private readonly CompileLoop _loop;

    public WatchService(WatchOptions options, PluginWriteSignal writes, TimeProvider time, ILoggerFactory loggers)
    {
        _loop = new CompileLoop(options, time, loggers.CreateLogger("Domovoy.Watch"));
        _loop.OutputWritten += writes.Written;
    }

    /// <summary>The loop, for observers (tests, benchmarks).</summary>
    public CompileLoop Loop => _loop;

    public override void Dispose()
    {
        _loop.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _loop.RunAsync(stoppingToken);
}
