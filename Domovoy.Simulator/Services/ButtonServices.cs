using System.Text.Json.Nodes;
using Domovoy.Simulator.Json;

namespace Domovoy.Simulator.Services;

/// <summary>button.press / input_button.press: the state becomes the ISO timestamp of the press.</summary>
internal static class ButtonServices
{
    public static void Register(ServiceRegistry registry, string domain) =>
        registry.Register(new ServiceDefinition(domain, "press", call => Press(call, domain)) { EntityDomain = domain, Name = "Press", Description = "Press the button entity." });

    private static JsonNode? Press(ServiceCall call, string domain)
    {
        var pressed = HaJson.IsoFormat(call.Core.Now());
        foreach (var state in call.Entities.ToList())
        {
            call.SetState(state, pressed, call.CopyAttributes(state));
            if (domain == "button" && call.Core.Servents.FindByEntityId(state.EntityId) is { EntityType: "button" } servent)
            {
                // ServEntButton.async_press: servent.{event} with exactly the configured event_data.
                call.Core.Servents.Press(servent, call.Context);
            }
        }

        return null;
    }
}
