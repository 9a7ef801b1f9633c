namespace Domovoy.Abstractions;

/// <summary>What kind of registration a callback is.</summary>
public enum CallbackKind
{
    /// <summary>A one-off or repeating timer or schedule.</summary>
    Scheduler,

    /// <summary>A state listener.</summary>
    State,

    /// <summary>An attribute listener.</summary>
    Attribute,

    /// <summary>An event listener.</summary>
    Event,

    /// <summary>A Home Assistant trigger subscription.</summary>
    Trigger,

    /// <summary>An observable subscription or background task owned by the app.</summary>
    Subscription,
}
