using System.Globalization;
using System.Text.Json.Nodes;
using Domovoy.Simulator.Json;
using Domovoy.Simulator.States;

namespace Domovoy.Simulator.Services;

/// <summary>input_number.set_value / increment / decrement (components/input_number).</summary>
internal static class InputNumberServices
{
    public static void Register(ServiceRegistry registry)
    {
        registry.Register(new ServiceDefinition("input_number", "set_value", SetValue)
        {
            EntityDomain = "input_number",
            Name = "Set",
            Description = "Sets the value.",
            Fields = Fields.Of(("value", true, null, Fields.Number(-9223372036854775807, 9223372036854775807, 0.001))),
            Schema = data => Schemas.Float(data, "value"),
        });
        registry.Register(new ServiceDefinition("input_number", "increment", call => Step(call, +1)) { EntityDomain = "input_number", Name = "Increment", Description = "Increments the current value by 1 step." });
        registry.Register(new ServiceDefinition("input_number", "decrement", call => Step(call, -1)) { EntityDomain = "input_number", Name = "Decrement", Description = "Decrements the current value by 1 step." });
    }

    private static JsonNode? SetValue(ServiceCall call)
    {
        var value = Schemas.Float(call.Data, "value");
        foreach (var state in call.Entities.ToList())
        {
            var (min, max, _) = Range(state);
            if (value < min || value > max)
            {
                // Core formats the value as the caller sent it and the bounds as Python floats.
                var shown = call.Data["value"] is JsonValue raw && HaJson.TryGetString(raw, out var text) ? text : call.Data["value"]!.ToJsonString();
                throw HaErrorException.InvalidFormat(
                    $"Invalid value for {state.EntityId}: {shown} (range {HaJson.PythonFloat(min)} - {HaJson.PythonFloat(max)})");
            }

            call.SetState(state, HaJson.PythonFloat(value), call.CopyAttributes(state));
        }

        return null;
    }

    private static JsonNode? Step(ServiceCall call, int direction)
    {
        foreach (var state in call.Entities.ToList())
        {
            var (min, max, step) = Range(state);
            var current = double.TryParse(state.State, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : min;
            var next = Math.Clamp(current + (direction * step), min, max);
            call.SetState(state, HaJson.PythonFloat(next), call.CopyAttributes(state));
        }

        return null;
    }

    private static (double Min, double Max, double Step) Range(EntityState state)
    {
        static double Get(JsonObject attributes, string key, double fallback) =>
            HaJson.TryGetNumber(attributes[key], out var value) ? value : fallback;
        return (Get(state.Attributes, "min", 0), Get(state.Attributes, "max", 100), Get(state.Attributes, "step", 1));
    }
}
