namespace Domovoy.Abstractions;

/// <summary>
/// The lifecycle status of one app instance: created → initializing → running | failed → finalizing → terminated, or
/// abandoned when the app did not stop within the host's finalize timeout.
/// </summary>
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

    /// <summary>
    /// The app did not stop within the finalize timeout (a callback, <see cref="AppBase.InitializeAsync"/> or
    /// <see cref="AppBase.FinalizeAsync"/> ignored its cancellation token). The host stopped waiting for it: its queue is
    /// detached and nothing more is delivered to it, but code it still runs may hold its plugin version in memory.
    /// </summary>
    Abandoned,

    /// <summary>
    /// The app is registered but switched off by the operator (status page or admin API). It is not started, also not
    /// on reloads or host restarts, until it is enabled again.
    /// </summary>
    Disabled,
}
