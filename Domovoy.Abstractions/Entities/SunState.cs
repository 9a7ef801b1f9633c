namespace Domovoy.Abstractions;

/// <summary>The state of the sun entity.</summary>
public enum SunState
{
    /// <summary>Home Assistant state <c>above_horizon</c>.</summary>
    AboveHorizon,

    /// <summary>Home Assistant state <c>below_horizon</c>.</summary>
    BelowHorizon,
}
