using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>
/// Says which states of an entity an app must not see: transient ones that only exist while something is being
/// re-synchronized (a ServEnts entity's restored placeholder between a Home Assistant restart and its re-creation).
/// Listeners skip such a state without treating it as a change.
/// </summary>
internal interface IEntityStateMask
{
    /// <summary>True when <paramref name="state"/> of <paramref name="entityId"/> is transient for this app.</summary>
    bool Hides(string entityId, EntityState state);
}
