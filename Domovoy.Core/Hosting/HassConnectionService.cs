using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.HomeAssistant.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Hosting;

/// <summary>
/// Runs the Home Assistant connection loop for the host's lifetime. A rejected token is fatal: the client logs it
/// (once, naming the token source), the process exit code is set to <see cref="HassClientOptions.AuthFailureExitCode"/> and the host is stopped.
/// </summary>
internal sealed class HassConnectionService : BackgroundService
{
    private readonly HassWebSocketClient _client;
    private readonly HassClientOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;

    // The synchronizer is taken so that it is created (and subscribed) before the loop starts.
    public HassConnectionService(HassWebSocketClient client, HassClientOptions options, HassStateSynchronizer synchronizer, IHostApplicationLifetime lifetime, ILogger<HassConnectionService> logger)
    {
        ArgumentNullException.ThrowIfNull(synchronizer);
        _client = client;
        _options = options;
        _lifetime = lifetime;
        _logger = logger;
        _client.StateChanged += OnStateChanged;
    }

    /// <summary>The fatal error that stopped the connection (a rejected token), if any.</summary>
    public Exception? FatalError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _client.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (HassAuthenticationException ex)
        {
            _logger.LogInformation("Domovoy is stopping: Home Assistant rejected the access token (exit code {ExitCode}).", _options.AuthFailureExitCode);
            FatalError = ex;
            if (_options.AuthFailureExitCode != 0)
            {
                Environment.ExitCode = _options.AuthFailureExitCode;
            }

            _lifetime.StopApplication();
        }
    }

    private void OnStateChanged(object? sender, HassConnectionStateChangedEventArgs e)
        => _logger.LogDebug("Home Assistant connection: {State}.", e.State);
}
