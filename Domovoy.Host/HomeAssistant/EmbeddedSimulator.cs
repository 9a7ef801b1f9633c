using Domovoy.Host.Configuration;
using Domovoy.Simulator;
using Microsoft.Extensions.Logging;

namespace Domovoy.Host.HomeAssistant;

/// <summary>Starts the simulated Home Assistant in-process when config.yml names no real one.</summary>
internal static partial class EmbeddedSimulator
{
    /// <summary>
    /// Starts the simulator on <c>simulator.port</c>; when that port is taken (e.g. by a second host) it falls back to any
    /// free port, which <see cref="LogPortFallback"/> reports once logging is up.
    /// </summary>
    public static async Task<HomeAssistantSimulator> StartAsync(HostConfig config, CancellationToken cancellationToken)
    {
        var options = new SimulatorOptions
        {
            Port = config.SimulatorPort,
            EntitiesFile = config.SimulatorEntitiesFile,
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
        };
        try
        {
            return await HomeAssistantSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (config.SimulatorPort != 0)
        {
            // The configured port is taken (e.g. a second host): any free port works for the embedded peer.
            options.Port = 0;
            return await HomeAssistantSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Warns when the simulator does not listen on the configured port (it was taken), naming both ports.</summary>
    public static void LogPortFallback(ILogger logger, HostConfig config, HomeAssistantSimulator simulator)
    {
        if (config.SimulatorPort != 0 && simulator.BaseUri.Port != config.SimulatorPort)
        {
            PortTaken(logger, config.SimulatorPort, simulator.BaseUri.Port);
        }
    }

    [LoggerMessage(EventId = 1410, Level = LogLevel.Warning, Message = "Simulator port {ConfiguredPort} (simulator.port in config.yml) is taken by another program; the embedded simulator listens on port {Port} instead. Free the port or set simulator.port to another one (0 picks a free port silently).")]
    private static partial void PortTaken(ILogger logger, int configuredPort, int port);
}
