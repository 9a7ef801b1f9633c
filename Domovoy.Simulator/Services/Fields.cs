using System.Text.Json.Nodes;

namespace Domovoy.Simulator.Services;

/// <summary>Builds the "fields" part of service descriptions.</summary>
internal static class Fields
{
    public static JsonObject Of(params (string Name, bool Required, JsonNode? Example, JsonObject Selector)[] fields)
    {
        var result = new JsonObject();
        foreach (var (name, required, example, selector) in fields)
        {
            var field = new JsonObject { ["required"] = required };
            if (example is not null)
            {
                field["example"] = example;
            }

            field["selector"] = selector;
            result[name] = field;
        }

        return result;
    }

    public static JsonObject Number(double min, double max, double step = 1) =>
        new() { ["number"] = new JsonObject { ["min"] = min, ["max"] = max, ["step"] = step, ["mode"] = "slider" } };

    public static JsonObject Text() => new() { ["text"] = null };

    public static JsonObject Boolean() => new() { ["boolean"] = null };

    public static JsonObject Object() => new() { ["object"] = null };
}
