using System.Text.Json.Nodes;
using Domovoy.Abstractions;

namespace Domovoy.Core.ServEnts;

/// <summary>The on/off part shared by the binary sensor and switch handles.</summary>
internal abstract class ServEntOnOff(IServEntBackend backend, string id, string serventId, string entityType, ServEntDevice device)
    : ServEntHandle(backend, id, serventId, entityType, device), IServEntOnOff
{
    public Task SetToAsync(bool? state, IReadOnlyDictionary<string, object?>? attributes = null, CancellationToken cancellationToken = default)
        => UpdateAsync(state is { } on ? JsonValue.Create(on) : null, attributes, cancellationToken);

    public Task SetOnAsync(IReadOnlyDictionary<string, object?>? attributes = null, CancellationToken cancellationToken = default)
        => SetToAsync(true, attributes, cancellationToken);

    public Task SetOffAsync(IReadOnlyDictionary<string, object?>? attributes = null, CancellationToken cancellationToken = default)
        => SetToAsync(false, attributes, cancellationToken);

    public bool? GetState() => TryGetState()?.State switch
    {
        "on" => true,
        "off" => false,
        _ => null,
    };
}
