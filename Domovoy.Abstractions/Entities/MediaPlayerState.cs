namespace Domovoy.Abstractions;

/// <summary>The state of a media player.</summary>
public enum MediaPlayerState
{
    /// <summary>Home Assistant state <c>off</c>.</summary>
    Off,

    /// <summary>Home Assistant state <c>on</c>.</summary>
    On,

    /// <summary>Home Assistant state <c>idle</c>.</summary>
    Idle,

    /// <summary>Home Assistant state <c>playing</c>.</summary>
    Playing,

    /// <summary>Home Assistant state <c>paused</c>.</summary>
    Paused,

    /// <summary>Home Assistant state <c>standby</c>.</summary>
    Standby,

    /// <summary>Home Assistant state <c>buffering</c>.</summary>
    Buffering,
}
