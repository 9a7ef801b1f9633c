namespace Domovoy.Abstractions;

/// <summary>The HVAC mode of a climate entity.</summary>
public enum HvacMode
{
    /// <summary>Home Assistant state <c>off</c>.</summary>
    Off,

    /// <summary>Home Assistant state <c>heat</c>.</summary>
    Heat,

    /// <summary>Home Assistant state <c>cool</c>.</summary>
    Cool,

    /// <summary>Home Assistant state <c>heat_cool</c>.</summary>
    HeatCool,

    /// <summary>Home Assistant state <c>auto</c>.</summary>
    Auto,

    /// <summary>Home Assistant state <c>dry</c>.</summary>
    Dry,

    /// <summary>Home Assistant state <c>fan_only</c>.</summary>
    FanOnly,
}
