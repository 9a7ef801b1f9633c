namespace Domovoy.Abstractions;

/// <summary>The state of a lock.</summary>
public enum LockState
{
    /// <summary>Home Assistant state <c>locked</c>.</summary>
    Locked,

    /// <summary>Home Assistant state <c>unlocked</c>.</summary>
    Unlocked,

    /// <summary>Home Assistant state <c>locking</c>.</summary>
    Locking,

    /// <summary>Home Assistant state <c>unlocking</c>.</summary>
    Unlocking,

    /// <summary>Home Assistant state <c>jammed</c>.</summary>
    Jammed,

    /// <summary>Home Assistant state <c>open</c>.</summary>
    Open,

    /// <summary>Home Assistant state <c>opening</c>.</summary>
    Opening,
}
