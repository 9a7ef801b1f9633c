using Domovoy.Abstractions;

namespace Domovoy.Core.ServEnts;

/// <summary>A ServEnts binary sensor handle.</summary>
internal sealed class ServEntBinarySensor(IServEntBackend backend, string id, string serventId, ServEntDevice device)
    : ServEntOnOff(backend, id, serventId, "binary_sensor", device), IServEntBinarySensor
{
    public BinarySensorEntity GetEntity() => new(GetEntityId());
}
