namespace Domovoy.Core.Apps.Engine;

/// <summary>The outcome of an operator's action on one app (restart, disable, enable).</summary>
internal enum AppControlResult
{
    /// <summary>Done; for restart and enable the app was started (see its status for whether it runs).</summary>
    Done,

    /// <summary>No app of that name is registered.</summary>
    NotFound,

    /// <summary>The app is disabled; enable it before restarting it.</summary>
    Disabled,

    /// <summary>The host is stopping; nothing was changed.</summary>
    Stopping,
}
