using System.Text.Json.Nodes;

namespace Domovoy.Simulator.Tests.Support;

internal static class JsonExtensions
{
    public static string Str(this JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('/'))
        {
            current = current?[part];
        }

        return current?.GetValue<string>() ?? throw new AssertFailedException($"{path} missing in {node.ToJsonString()}");
    }
}
