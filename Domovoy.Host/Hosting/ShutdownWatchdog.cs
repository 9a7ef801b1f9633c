using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Domovoy.Host.Hosting;

/// <summary>
/// Bounds shutdown whatever apps do: once SIGTERM/Ctrl+C is received, the process exits after <c>limit</c> even if an
/// app's thread (a foreground thread, a hung native call) would keep it alive. The engine itself stops within the
/// finalize timeout; this is the last line.
/// </summary>
internal sealed partial class ShutdownWatchdog(IHostApplicationLifetime lifetime, ILogger<ShutdownWatchdog> logger, TimeSpan limit) : IHostedService, IDisposable
{
    private CancellationTokenRegistration _registration;
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(() =>
            _timer = TimeProvider.System.CreateTimer(_ => ForceExit(), null, limit, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _registration.Dispose();
        _timer?.Dispose();
    }

    private void ForceExit()
    {
        ShutdownLimitReached(logger, limit.TotalSeconds, ExitCodes.AppsAbandoned);
        Environment.Exit(ExitCodes.AppsAbandoned);
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Error, Message = "Shutdown did not finish within {Limit} s (an app keeps the process busy); exiting now with code {Code}.")]
    private static partial void ShutdownLimitReached(ILogger logger, double limit, int code);
}
