using System.Globalization;
using System.Text.Json.Nodes;
using Domovoy.Abstractions;

namespace Domovoy.Core.ServEnts;

/// <summary>A ServEnts number handle.</summary>
internal sealed class ServEntNumber(IServEntBackend backend, string id, string serventId, ServEntDevice device)
    : ServEntHandle(backend, id, serventId, "number", device), IServEntNumber
{
    public Task SetToAsync(double? state, IReadOnlyDictionary<string, object?>? attributes = null, CancellationToken cancellationToken = default)
        => UpdateAsync(state is { } value ? JsonValue.Create(value) : null, attributes, cancellationToken);

    public double? GetState() => TryGetState() is { IsUnavailableOrUnknown: false } state
        && double.TryParse(state.State, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public NumberEntity GetEntity() => new(GetEntityId());
}
