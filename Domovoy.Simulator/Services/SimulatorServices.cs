using System.Text.Json.Nodes;

namespace Domovoy.Simulator.Services;

/// <summary>simulator.echo: a response-only test service that returns the data it was called with.</summary>
internal static class SimulatorServices
{
    public static void Register(ServiceRegistry registry) =>
        registry.Register(new ServiceDefinition("simulator", "echo", call => new JsonObject { ["data"] = call.Data.DeepClone() })
        {
            Name = "Echo",
            Description = "Returns the service data as the response (requires return_response).",
            SupportsResponse = SupportsResponse.Only,
        });
}
