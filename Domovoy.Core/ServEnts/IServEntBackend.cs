using System.Text.Json.Nodes;
using Domovoy.Abstractions;

namespace Domovoy.Core.ServEnts;

/// <summary>What a ServEnts handle needs from its app's plugin: lookups in the state cache and update_state calls.</summary>
internal interface IServEntBackend
{
    string? FindEntityId(string serventId);

    EntityState? GetState(string entityId);

    Task UpdateStateAsync(string serventId, bool withState, JsonNode? state, IReadOnlyDictionary<string, object?>? attributes, CancellationToken cancellationToken);

    JsonNode? ToJson(object? value);
}
