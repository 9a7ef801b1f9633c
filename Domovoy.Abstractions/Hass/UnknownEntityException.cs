namespace Domovoy.Abstractions;

/// <summary>The entity is not in Home Assistant's state (not yet created, removed, or misspelt).</summary>
public sealed class UnknownEntityException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="entityId">The entity id asked for.</param>
    public UnknownEntityException(string entityId)
        : base($"Entity '{entityId}' is not known to Home Assistant. Check the id, or wait for the entity to be created.")
    {
        EntityId = entityId;
    }

    /// <summary>The entity id asked for.</summary>
    public string EntityId { get; }
}
