using System.Text.Json.Nodes;

namespace Domovoy.Simulator.Services;

/// <summary>Registered services by domain, in registration order (get_services keeps it).</summary>
internal sealed class ServiceRegistry
{
    private readonly Dictionary<(string Domain, string Service), ServiceDefinition> _services = [];
    private readonly List<ServiceDefinition> _ordered = [];

    public void Register(ServiceDefinition definition)
    {
        _services[(definition.Domain, definition.Service)] = definition;
        _ordered.Add(definition);
    }

    public ServiceDefinition? Find(string domain, string service) =>
        _services.GetValueOrDefault((domain.ToLowerInvariant(), service.ToLowerInvariant()));

    public bool Has(string domain, string service) => Find(domain, service) is not null;

    /// <summary>get_services: {domain: {service: description}}.</summary>
    public JsonObject Describe()
    {
        var result = new JsonObject();
        foreach (var definition in _ordered)
        {
            if (result[definition.Domain] is not JsonObject domain)
            {
                domain = [];
                result[definition.Domain] = domain;
            }

            domain[definition.Service] = definition.Describe();
        }

        return result;
    }

    /// <summary>GET /api/services: [{domain, services}].</summary>
    public JsonArray DescribeRest()
    {
        var list = new JsonArray();
        foreach (var (domain, services) in Describe())
        {
            list.Add(new JsonObject { ["domain"] = domain, ["services"] = services!.DeepClone() });
        }

        return list;
    }
}
