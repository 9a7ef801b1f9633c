namespace Domovoy.Abstractions;

/// <summary>The lifecycle status of one app instance: created → initializing → running | failed → finalizing → terminated.</summary>
public enum AppStatus
{
    /// <summary>The instance exists; <see cref="AppBase.InitializeAsync"/> has not been called yet.</summary>
    Created,

    /// <summary><see cref="AppBase.InitializeAsync"/> is running.</summary>
    Initializing,

    /// <summary>Initialization succeeded; callbacks are delivered.</summary>
    Running,

    /// <summary>Initialization threw. The app's callbacks were cancelled and it receives nothing more.</summary>
    Failed,

    /// <summary><see cref="AppBase.FinalizeAsync"/> is running.</summary>
    Finalizing,

    /// <summary>The app has stopped; the instance is discarded.</summary>
    Terminated,
}
