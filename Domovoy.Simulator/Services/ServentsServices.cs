using System.Text.Json.Nodes;

namespace Domovoy.Simulator.Services;

/// <summary>
/// The servents custom integration (custom_components/servents/services.py). Its services are described without a
/// "response" key, exactly as real installs report them; the behaviour lives in <see cref="Servents.ServentRegistrar"/>.
/// </summary>
internal static class ServentsServices
{
    public static void Register(ServiceRegistry registry)
    {
        registry.Register(new ServiceDefinition("servents", "create_entity", CreateEntity)
        {
            Name = "Create entity",
            Description = "Creates (or reconfigures) entities owned by servents.",
            Fields = Fields.Of(("entities", true, null, Fields.Object())),
            DescribeResponse = false,
            Schema = data =>
            {
                if (data["entities"] is not JsonArray { Count: > 0 })
                {
                    throw new HaErrorException("service_validation_error", "Validation error: entities must be a non-empty list", null, null, null);
                }
            },
        });
        registry.Register(new ServiceDefinition("servents", "update_state", UpdateState)
        {
            Name = "Update state",
            Description = "Updates the state and attributes of a servents entity.",
            Fields = Fields.Of(
                ("servent_id", true, "my_app-temperature", Fields.Text()),
                ("state", false, "on", Fields.Text()),
                ("attributes", false, null, Fields.Object())),
            DescribeResponse = false,
            Schema = data => Schemas.String(data, "servent_id"),
        });
    }

    private static JsonNode? CreateEntity(ServiceCall call)
    {
        call.Core.Servents.Create(call.Data, call.Context);
        return null;
    }

    private static JsonNode? UpdateState(ServiceCall call)
    {
        call.Core.Servents.Update(call.Data, call.Context);
        return null;
    }
}
