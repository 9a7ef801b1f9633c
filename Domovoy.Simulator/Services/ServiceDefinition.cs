using System.Text.Json.Nodes;

namespace Domovoy.Simulator.Services;

/// <summary>A registered service: its handler, response support and its get_services description.</summary>
internal sealed class ServiceDefinition(string domain, string service, Func<ServiceCall, JsonNode?> handler)
{
    public string Domain { get; } = domain;

    public string Service { get; } = service;

    public Func<ServiceCall, JsonNode?> Handler { get; } = handler;

    public SupportsResponse SupportsResponse { get; init; } = SupportsResponse.None;

    /// <summary>Entity services only act on entities of this domain; null means any domain (homeassistant.*) or no entities.</summary>
    public string? EntityDomain { get; init; }

    /// <summary>Runs before the call_service event fires, like core validates the schema first; throws invalid_format.</summary>
    public Action<JsonObject>? Schema { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    public JsonObject Fields { get; init; } = [];

    /// <summary>Whether get_services lists a "response" key; the servents services must not, however they answer.</summary>
    public bool DescribeResponse { get; init; } = true;

    public JsonObject Describe()
    {
        var description = new JsonObject
        {
            ["name"] = Name,
            ["description"] = Description,
            ["fields"] = Fields.DeepClone(),
        };
        if (EntityDomain is not null)
        {
            description["target"] = new JsonObject
            {
                ["entity"] = new JsonArray(new JsonObject { ["domain"] = new JsonArray(EntityDomain) }),
            };
        }
        else if (Domain == "homeassistant" && Service is "turn_on" or "turn_off" or "toggle")
        {
            description["target"] = new JsonObject { ["entity"] = new JsonArray(new JsonObject()) };
        }

        if (DescribeResponse && SupportsResponse != SupportsResponse.None)
        {
            description["response"] = new JsonObject { ["optional"] = SupportsResponse == SupportsResponse.Optional };
        }

        return description;
    }
}
