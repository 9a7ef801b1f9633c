using System.Text.Json.Nodes;
using Domovoy.Simulator.Json;

namespace Domovoy.Simulator.Services;

/// <summary>
/// number.set_value and select.select_option (the UI's services for number/select platforms, used by servents entities):
/// HA's range and option checks, then the new state is written.
/// </summary>
internal static class ServentPlatformServices
{
    public static void Register(ServiceRegistry registry)
    {
        registry.Register(new ServiceDefinition("number", "set_value", SetValue)
        {
            EntityDomain = "number",
            Name = "Set",
            Description = "Sets the value of a number.",
            Fields = Fields.Of(("value", true, null, Fields.Text())),
            Schema = data => Schemas.Float(data, "value"),
        });
        registry.Register(new ServiceDefinition("select", "select_option", SelectOption)
        {
            EntityDomain = "select",
            Name = "Select",
            Description = "Selects an option.",
            Fields = Fields.Of(("option", true, "\"Item A\"", Fields.Text())),
            Schema = data => Schemas.String(data, "option"),
        });
    }

    private static JsonNode? SetValue(ServiceCall call)
    {
        var value = Schemas.Float(call.Data, "value");
        foreach (var state in call.Entities.ToList())
        {
            var min = HaJson.TryGetNumber(state.Attributes["min"], out var lo) ? lo : 0;
            var max = HaJson.TryGetNumber(state.Attributes["max"], out var hi) ? hi : 100;
            if (value < min || value > max)
            {
                throw new HaErrorException("service_validation_error", $"Value {HaJson.PythonFloat(value)} for {state.EntityId} is outside valid range {HaJson.PythonFloat(min)} - {HaJson.PythonFloat(max)}", null, null, null);
            }

            call.SetState(state, HaJson.PythonFloat(value), call.CopyAttributes(state));
        }

        return null;
    }

    private static JsonNode? SelectOption(ServiceCall call)
    {
        var option = Schemas.String(call.Data, "option");
        foreach (var state in call.Entities.ToList())
        {
            var options = state.Attributes["options"] is JsonArray list ? list.Select(o => HaJson.PythonStr(o)).ToList() : [];
            if (!options.Contains(option))
            {
                throw new HaErrorException("service_validation_error", $"Option {option} is not valid for entity {state.EntityId}, valid options are: {string.Join(", ", options)}", null, null, null);
            }

            call.SetState(state, option, call.CopyAttributes(state));
        }

        return null;
    }
}
