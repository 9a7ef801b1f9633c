using Microsoft.Extensions.Hosting;

namespace Domovoy.Simulator.Hosting;

/// <summary>
/// Replaces ConsoleLifetime: an embedded simulator must not hijack the host process's Ctrl+C / SIGTERM handling.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
