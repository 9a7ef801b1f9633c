using System.Globalization;
using Domovoy.Abstractions;

namespace Domovoy.Core.ServEnts;

/// <summary>A ServEnts sensor handle.</summary>
internal sealed class ServEntSensor(IServEntBackend backend, string id, string serventId, ServEntDevice device)
    : ServEntHandle(backend, id, serventId, "sensor", device), IServEntSensor
{
    public Task SetToAsync(object? state, IReadOnlyDictionary<string, object?>? attributes = null, CancellationToken cancellationToken = default)
        => UpdateAsync(Backend.ToJson(state), attributes, cancellationToken);

    public string? GetState() => TryGetState() is { IsUnavailableOrUnknown: false } state ? state.State : null;

    public double? GetNumericState() =>
        double.TryParse(GetState(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public TextSensorEntity GetEntity() => new(GetEntityId());
}
