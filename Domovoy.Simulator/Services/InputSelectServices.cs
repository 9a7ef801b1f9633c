using System.Text.Json.Nodes;
using Domovoy.Simulator.States;

namespace Domovoy.Simulator.Services;

/// <summary>input_select.select_option / select_next / select_previous / select_first / select_last.</summary>
internal static class InputSelectServices
{
    public static void Register(ServiceRegistry registry)
    {
        registry.Register(new ServiceDefinition("input_select", "select_option", SelectOption)
        {
            EntityDomain = "input_select", Name = "Select", Description = "Selects an option.",
            Fields = Fields.Of(("option", true, "\"Item A\"", Fields.Text())),
            Schema = data => Schemas.String(data, "option"),
        });
        var cycle = Fields.Of(("cycle", false, null, Fields.Boolean()));
        registry.Register(new ServiceDefinition("input_select", "select_next", call => Move(call, +1)) { EntityDomain = "input_select", Name = "Next", Description = "Selects the next option.", Fields = cycle });
        registry.Register(new ServiceDefinition("input_select", "select_previous", call => Move(call, -1)) { EntityDomain = "input_select", Name = "Previous", Description = "Selects the previous option.", Fields = (JsonObject)cycle.DeepClone() });
        registry.Register(new ServiceDefinition("input_select", "select_first", call => Pick(call, options => options[0])) { EntityDomain = "input_select", Name = "First", Description = "Selects the first option." });
        registry.Register(new ServiceDefinition("input_select", "select_last", call => Pick(call, options => options[^1])) { EntityDomain = "input_select", Name = "Last", Description = "Selects the last option." });
    }

    private static List<string> Options(EntityState state) =>
        state.Attributes["options"] is JsonArray options ? options.Select(o => Json.HaJson.PythonStr(o)).ToList() : [];

    private static JsonNode? SelectOption(ServiceCall call)
    {
        var option = Schemas.String(call.Data, "option");
        foreach (var state in call.Entities.ToList())
        {
            var options = Options(state);
            if (!options.Contains(option))
            {
                throw new HaErrorException("home_assistant_error", $"Invalid option: {option} (possible options: {string.Join(", ", options)})");
            }

            call.SetState(state, option, call.CopyAttributes(state));
        }

        return null;
    }

    private static JsonNode? Move(ServiceCall call, int offset)
    {
        var cycle = Schemas.OptionalBool(call.Data, "cycle", fallback: true);
        foreach (var state in call.Entities.ToList())
        {
            var options = Options(state);
            if (options.Count == 0)
            {
                continue;
            }

            var index = options.IndexOf(state.State) + offset;
            index = cycle ? ((index % options.Count) + options.Count) % options.Count : Math.Clamp(index, 0, options.Count - 1);
            call.SetState(state, options[index], call.CopyAttributes(state));
        }

        return null;
    }

    private static JsonNode? Pick(ServiceCall call, Func<List<string>, string> choose)
    {
        foreach (var state in call.Entities.ToList())
        {
            var options = Options(state);
            if (options.Count > 0)
            {
                call.SetState(state, choose(options), call.CopyAttributes(state));
            }
        }

        return null;
    }
}
