namespace Domovoy.Abstractions;

/// <summary>Home Assistant's entity category of a ServEnts entity (where the UI lists it).</summary>
public enum ServEntEntityCategory
{
    /// <summary>A configuration entity (<c>config</c>); not allowed for binary sensors.</summary>
    Config,

    /// <summary>A diagnostic entity (<c>diagnostic</c>).</summary>
    Diagnostic,
}
