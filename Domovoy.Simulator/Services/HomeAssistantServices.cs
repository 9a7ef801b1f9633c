using System.Text.Json.Nodes;

namespace Domovoy.Simulator.Services;

/// <summary>homeassistant.turn_on/turn_off/toggle (grouped by domain into child calls) and homeassistant.restart.</summary>
internal static class HomeAssistantServices
{
    public static void Register(ServiceRegistry registry)
    {
        foreach (var (service, name) in new[] { ("turn_on", "Generic turn on"), ("turn_off", "Generic turn off"), ("toggle", "Generic toggle") })
        {
            registry.Register(new ServiceDefinition("homeassistant", service, call => Generic(call, service))
            {
                Name = name, Description = $"Generic action to {service.Replace('_', ' ')} devices under any domain.",
            });
        }

        registry.Register(new ServiceDefinition("homeassistant", "restart", call =>
        {
            call.Core.RequestRestart();
            return null;
        })
        {
            Name = "Restart", Description = "Restarts Home Assistant.",
        });
        registry.Register(new ServiceDefinition("homeassistant", "update_entity", _ => null)
        {
            Name = "Update entity", Description = "Forces one or more entities to update their data.",
        });
    }

    private static JsonNode? Generic(ServiceCall call, string service)
    {
        // Core calls <domain>.<service> per domain with the same context; domains without that service are skipped.
        foreach (var group in call.EntityIds.GroupBy(id => id[..id.IndexOf('.', StringComparison.Ordinal)]).ToList())
        {
            var domain = group.Key == "group" ? "homeassistant" : group.Key;
            if (!call.Core.Services.Has(domain, service) || domain == "homeassistant")
            {
                continue;
            }

            var data = (JsonObject)call.Data.DeepClone();
            foreach (var key in new[] { "device_id", "area_id", "floor_id", "label_id" })
            {
                data.Remove(key);
            }

            data["entity_id"] = new JsonArray(group.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray());
            call.Core.CallService(domain, service, data, call.Context, returnResponse: false);
        }

        return null;
    }
}
