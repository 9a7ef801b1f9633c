namespace Domovoy.Abstractions;

/// <summary>Options every ServEnts entity accepts.</summary>
public abstract record ServEntOptions
{
    /// <summary>Attributes always present on the entity; they win over attributes pushed with a state.</summary>
    public IReadOnlyDictionary<string, object?>? FixedAttributes { get; init; }

    /// <summary>The entity category, or null for a normal entity.</summary>
    public ServEntEntityCategory? EntityCategory { get; init; }

    /// <summary>Create the entity disabled: Home Assistant then shows no state for it until a user enables it.</summary>
    public bool DisabledByDefault { get; init; }

    /// <summary>The app name used in the servent id; default the creating app.</summary>
    public string? AppName { get; init; }

    /// <summary>The device; default the app's default device (<see cref="IServEntsPlugin.DefaultDevice"/>).</summary>
    public ServEntDevice? Device { get; init; }

    /// <summary>
    /// Wait until the entity appears in the state cache before returning (default true; never for disabled entities).
    /// Times out with a <see cref="ServEntException"/> naming the servent id.
    /// </summary>
    public bool WaitForCreation { get; init; } = true;
}
