using System.Text.Json.Nodes;

namespace Domovoy.Simulator.States;

/// <summary>One initial entity: what the entities file or the demo home provides.</summary>
internal sealed record SeedState(string EntityId, string State, JsonObject Attributes);
