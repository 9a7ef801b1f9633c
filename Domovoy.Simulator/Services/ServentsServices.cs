using System.Text.Json.Nodes;
using Domovoy.Simulator.Json;
using Domovoy.Simulator.States;

namespace Domovoy.Simulator.Services;

/// <summary>
/// The servents custom integration (used by NetDaemon-style hosts to create entities). Its services
/// are described without a "response" key, exactly as real installs report them.
/// </summary>
internal static class ServentsServices
{
    public static void Register(ServiceRegistry registry)
    {
        registry.Register(new ServiceDefinition("servents", "create_entity", CreateEntity)
        {
            Name = "Create entity",
            Description = "Creates (or updates) an entity owned by servents.",
            Fields = Fields.Of(
                ("entity_id", true, "sensor.my_sensor", Fields.Text()),
                ("entity_type", false, "sensor", Fields.Text()),
                ("name", false, "My sensor", Fields.Text()),
                ("state", false, "on", Fields.Text()),
                ("attributes", false, null, Fields.Object())),
            DescribeResponse = false,
            Schema = data => Schemas.String(data, "entity_id"),
        });
        registry.Register(new ServiceDefinition("servents", "update_state", UpdateState)
        {
            Name = "Update state",
            Description = "Updates the state of a servents entity.",
            Fields = Fields.Of(
                ("entity_id", true, "sensor.my_sensor", Fields.Text()),
                ("state", true, "on", Fields.Text()),
                ("attributes", false, null, Fields.Object())),
            DescribeResponse = false,
            Schema = data => Schemas.String(data, "entity_id"),
        });
    }

    private static JsonNode? CreateEntity(ServiceCall call)
    {
        var entityId = EntityId(call);
        var attributes = call.Data["attributes"] as JsonObject is { } given ? (JsonObject)given.DeepClone() : [];
        if (call.Data["name"] is { } name)
        {
            attributes["friendly_name"] = name.DeepClone();
        }

        var state = call.Data["state"] is { } s ? HaJson.PythonStr(s) : call.Core.States.Get(entityId)?.State ?? "unknown";
        call.Core.States.Set(entityId, state, attributes, call.Context);
        return null;
    }

    private static JsonNode? UpdateState(ServiceCall call)
    {
        var entityId = EntityId(call);
        var current = call.Core.States.Get(entityId);
        var attributes = current is null ? [] : (JsonObject)current.Attributes.DeepClone();
        if (call.Data["attributes"] is JsonObject extra)
        {
            foreach (var (key, value) in extra)
            {
                attributes[key] = value?.DeepClone();
            }
        }

        call.Core.States.Set(entityId, HaJson.PythonStr(Schemas.Required(call.Data, "state")), attributes, call.Context);
        return null;
    }

    private static string EntityId(ServiceCall call)
    {
        var entityId = call.Data["entity_id"] is JsonArray list ? HaJson.PythonStr(list.FirstOrDefault()) : Schemas.String(call.Data, "entity_id");
        return StateMachine.IsValidEntityId(entityId)
            ? entityId
            : throw HaErrorException.InvalidFormat($"Entity ID {entityId} is an invalid entity ID for dictionary value @ data['entity_id']");
    }
}
