using System.Text.Json.Nodes;
using Domovoy.Simulator.Json;

namespace Domovoy.Simulator.Services;

/// <summary>input_text.set_value: values outside [min,max] length are ignored (core only logs a warning).</summary>
internal static class InputTextServices
{
    public static void Register(ServiceRegistry registry) =>
        registry.Register(new ServiceDefinition("input_text", "set_value", SetValue)
        {
            EntityDomain = "input_text", Name = "Set", Description = "Sets the value.",
            Fields = Fields.Of(("value", true, "This is an example text", Fields.Text())),
            Schema = data => Schemas.String(data, "value"),
        });

    private static JsonNode? SetValue(ServiceCall call)
    {
        var value = Schemas.String(call.Data, "value");
        foreach (var state in call.Entities.ToList())
        {
            var min = HaJson.TryGetNumber(state.Attributes["min"], out var lo) ? lo : 0;
            var max = HaJson.TryGetNumber(state.Attributes["max"], out var hi) ? hi : 100;
            if (value.Length < min || value.Length > max)
            {
                continue;
            }

            call.SetState(state, value, call.CopyAttributes(state));
        }

        return null;
    }
}
