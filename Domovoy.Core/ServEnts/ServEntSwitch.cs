using Domovoy.Abstractions;

namespace Domovoy.Core.ServEnts;

/// <summary>A ServEnts switch handle.</summary>
internal sealed class ServEntSwitch(IServEntBackend backend, string id, string serventId, ServEntDevice device)
    : ServEntOnOff(backend, id, serventId, "switch", device), IServEntSwitch
{
    public bool IsOn => GetState() == true;

    public SwitchEntity GetEntity() => new(GetEntityId());
}
