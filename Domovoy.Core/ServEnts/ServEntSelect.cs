using System.Text.Json.Nodes;
using Domovoy.Abstractions;

namespace Domovoy.Core.ServEnts;

/// <summary>A ServEnts select handle.</summary>
internal sealed class ServEntSelect(IServEntBackend backend, string id, string serventId, ServEntDevice device, IReadOnlyList<string> options)
    : ServEntHandle(backend, id, serventId, "select", device), IServEntSelect
{
    public IReadOnlyList<string> Options { get; } = options;

    public Task SetToAsync(string? state, IReadOnlyDictionary<string, object?>? attributes = null, CancellationToken cancellationToken = default)
    {
        if (state is not null && !Options.Contains(state))
        {
            throw new ArgumentException($"'{state}' is not an option of ServEnts select '{ServEntId}' ({string.Join(", ", Options)}).", nameof(state));
        }

        return UpdateAsync(state is null ? null : JsonValue.Create(state), attributes, cancellationToken);
    }

    public string? GetState() => TryGetState() is { IsUnavailableOrUnknown: false } state ? state.State : null;

    public SelectEntity GetEntity() => new(GetEntityId());
}
