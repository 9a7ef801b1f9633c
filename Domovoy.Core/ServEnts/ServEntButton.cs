using Domovoy.Abstractions;

namespace Domovoy.Core.ServEnts;

/// <summary>A ServEnts button handle.</summary>
internal sealed class ServEntButton(IServEntBackend backend, string id, string serventId, ServEntDevice device, string eventType)
    : ServEntHandle(backend, id, serventId, "button", device), IServEntButton
{
    public string EventType { get; } = eventType;

    public ButtonEntity GetEntity() => new(GetEntityId());
}
