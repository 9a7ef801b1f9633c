using System.Text.Json.Nodes;

namespace Domovoy.Simulator.Services;

/// <summary>turn_on / turn_off / toggle for plain on/off domains (switch, input_boolean).</summary>
internal static class ToggleServices
{
    public static void Register(ServiceRegistry registry, string domain)
    {
        registry.Register(new ServiceDefinition(domain, "turn_on", call => Set(call, _ => "on")) { EntityDomain = domain, Name = "Turn on", Description = $"Turns a {domain} on." });
        registry.Register(new ServiceDefinition(domain, "turn_off", call => Set(call, _ => "off")) { EntityDomain = domain, Name = "Turn off", Description = $"Turns a {domain} off." });
        registry.Register(new ServiceDefinition(domain, "toggle", call => Set(call, s => s == "on" ? "off" : "on")) { EntityDomain = domain, Name = "Toggle", Description = $"Toggles a {domain} on/off." });
    }

    private static JsonNode? Set(ServiceCall call, Func<string, string> next)
    {
        foreach (var state in call.Entities.ToList())
        {
            call.SetState(state, next(state.State), call.CopyAttributes(state));
        }

        return null;
    }
}
