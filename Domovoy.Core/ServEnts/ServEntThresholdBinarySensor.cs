using Domovoy.Abstractions;

namespace Domovoy.Core.ServEnts;

/// <summary>A ServEnts threshold binary sensor handle (Home Assistant computes its state; it has no setter).</summary>
internal sealed class ServEntThresholdBinarySensor(IServEntBackend backend, string id, string serventId, ServEntDevice device)
    : ServEntHandle(backend, id, serventId, "threshold", device), IServEntThresholdBinarySensor
{
    public bool? GetState() => TryGetState()?.State switch
    {
        "on" => true,
        "off" => false,
        _ => null,
    };

    public BinarySensorEntity GetEntity() => new(GetEntityId());
}
