namespace Domovoy.Abstractions;

/// <summary>The state of a cover.</summary>
public enum CoverState
{
    /// <summary>Home Assistant state <c>open</c>.</summary>
    Open,

    /// <summary>Home Assistant state <c>closed</c>.</summary>
    Closed,

    /// <summary>Home Assistant state <c>opening</c>.</summary>
    Opening,

    /// <summary>Home Assistant state <c>closing</c>.</summary>
    Closing,
}
