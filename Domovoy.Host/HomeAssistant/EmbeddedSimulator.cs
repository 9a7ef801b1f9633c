using Domovoy.Host.Configuration;
using Domovoy.Simulator;
using Microsoft.Extensions.Logging;

namespace Domovoy.Host.HomeAssistant;

/// <summary>Starts the simulated Home Assistant in-process when config.yml names no real one.</summary>
internal static class EmbeddedSimulator
{
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
}
