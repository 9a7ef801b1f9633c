using System.Text.Json.Nodes;
using Domovoy.Simulator.Json;
using Domovoy.Simulator.States;

namespace Domovoy.Simulator.WebSockets;

/// <summary>
/// execute_script, reduced to what API clients send: service/action steps (with response_variable) and a final
/// stop step returning a variable, as NetDaemon does for "call with response".
/// </summary>
internal static class ScriptRunner
{
    public static JsonNode? Run(SimulatorCore core, JsonNode? sequence, JsonObject variables, HaContext context)
    {
        var steps = sequence switch
        {
            JsonArray list => list.ToList(),
            JsonObject single => [single],
            _ => throw HaErrorException.InvalidFormat($"expected a list for dictionary value @ data['sequence']. Got {HaJson.PythonRepr(sequence)}"),
        };
        foreach (var node in steps)
        {
            if (node is not JsonObject step)
            {
                throw HaErrorException.InvalidFormat($"expected a dictionary @ data['sequence']. Got {HaJson.PythonRepr(node)}");
            }

            if (step.ContainsKey("stop"))
            {
                return step["response_variable"] is { } name ? variables[HaJson.PythonStr(name)]?.DeepClone() : null;
            }

            var action = step["action"] ?? step["service"];
            if (!HaJson.TryGetString(action, out var text) || text.Split('.') is not [var domain, var service])
            {
                throw HaErrorException.InvalidFormat($"Unsupported script step (only action/service and stop): {HaJson.PythonRepr(step)}");
            }

            var data = step["data"] is JsonObject given ? (JsonObject)given.DeepClone() : [];
            if (step["target"] is JsonObject target)
            {
                foreach (var (key, value) in target)
                {
                    data[key] = value?.DeepClone();
                }
            }

            var responseVariable = step["response_variable"] is { } variable ? HaJson.PythonStr(variable) : null;
            var response = core.CallService(domain, service, data, context, returnResponse: responseVariable is not null);
            if (responseVariable is not null)
            {
                variables[responseVariable] = response;
            }
        }

        return null;
    }
}
