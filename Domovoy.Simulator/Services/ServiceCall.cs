using System.Text.Json.Nodes;
using Domovoy.Simulator.States;

namespace Domovoy.Simulator.Services;

/// <summary>One service invocation as a handler sees it: merged data, caller context and resolved entities.</summary>
internal sealed class ServiceCall(SimulatorCore core, string domain, string service, JsonObject data, HaContext context, bool returnResponse, IReadOnlyList<string> entityIds)
{
    public SimulatorCore Core { get; } = core;

    public string Domain { get; } = domain;

    public string Service { get; } = service;

    public JsonObject Data { get; } = data;

    public HaContext Context { get; } = context;

    public bool ReturnResponse { get; } = returnResponse;

    /// <summary>Existing entities the target references (for entity services: only those of the service's domain).</summary>
    public IReadOnlyList<string> EntityIds { get; } = entityIds;

    public IEnumerable<EntityState> Entities => EntityIds.Select(Core.States.Get).OfType<EntityState>();

    /// <summary>Writes a state with the caller's context, so new_state.context.id equals the result's context id.</summary>
    public void SetState(EntityState current, string state, JsonObject attributes) =>
        Core.States.Set(current.EntityId, state, attributes, Context);

    public JsonObject CopyAttributes(EntityState state) => (JsonObject)state.Attributes.DeepClone();
}
