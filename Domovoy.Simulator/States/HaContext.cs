using System.Text.Json.Nodes;

namespace Domovoy.Simulator.States;

/// <summary>Home Assistant's Context: who/what caused a state write or event.</summary>
internal sealed record HaContext(string Id, string? ParentId, string? UserId)
{
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["parent_id"] = ParentId,
        ["user_id"] = UserId,
    };
}
