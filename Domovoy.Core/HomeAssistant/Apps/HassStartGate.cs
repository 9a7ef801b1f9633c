using System.Collections.Concurrent;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant.Apps;

/// <summary>
/// Holds the first app start until Home Assistant is synchronized, and passes the location Home Assistant reports
/// (get_config) on to the sun-event scheduler after every (re)connect. An unusable location is logged once and the
/// previous one (or config.yml's) stays; it never fails the connection.
/// </summary>
internal sealed class HassStartGate : IAppStartGate
{
    private readonly HassWebSocketClient _client;
    private readonly ReportedLocationProvider _location;
    private readonly ILogger<HassStartGate> _logger;
    private readonly ConcurrentDictionary<string, byte> _reportedProblems = new();

    public HassStartGate(HassWebSocketClient client, ReportedLocationProvider location, ILogger<HassStartGate> logger)
    {
        _client = client;
        _location = location;
        _logger = logger;
        client.AddSessionInitializer("location from get_config", (_, _) =>
        {
            ReportLocation();
            return Task.CompletedTask;
        });
    }

    public bool IsReady => _client.State == HassConnectionState.Ready;

    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        if (IsReady)
        {
            return;
        }

        if (!_client.Ready.IsCompleted)
        {
            _logger.LogInformation("Waiting for Home Assistant before starting apps…");
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnStateChanged(object? sender, HassConnectionStateChangedEventArgs e)
        {
            if (e.State == HassConnectionState.Ready)
            {
                ready.TrySetResult();
            }
        }

        _client.StateChanged += OnStateChanged;
        try
        {
            if (IsReady)
            {
                ready.TrySetResult();
            }

            // The first-ready task carries a permanent failure (a rejected token); a later reconnect reports Ready.
            var first = await Task.WhenAny(ready.Task, _client.Ready).WaitAsync(cancellationToken).ConfigureAwait(false);
            await first.ConfigureAwait(false);
            if (first == _client.Ready && !IsReady)
            {
                await ready.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _client.StateChanged -= OnStateChanged;
        }

        _logger.LogInformation("Connected to Home Assistant {Version}", _client.HaVersion);
    }

    private void ReportLocation()
    {
        if (_client.Config is not { } config)
        {
            return;
        }

        var location = HassConfigLocation.Read(config, out var problem);
        if (problem is not null && _reportedProblems.TryAdd(problem, 0))
        {
            HassStartGateLog.UnusableLocation(_logger, problem);
        }

        if (location is not null)
        {
            _location.Report(location.Latitude, location.Longitude, location.Elevation);
        }
    }
}
