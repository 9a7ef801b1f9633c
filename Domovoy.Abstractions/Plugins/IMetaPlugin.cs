namespace Domovoy.Abstractions;

/// <summary>Information about the running app and the engine, and control over the app's own lifecycle.</summary>
public interface IMetaPlugin
{
    /// <summary>The name the app was registered under.</summary>
    string AppName { get; }

    /// <summary>The app's class name.</summary>
    string ClassName { get; }

    /// <summary>The plugin (folder and assembly) the app comes from.</summary>
    string PluginName { get; }

    /// <summary>The app's current status.</summary>
    AppStatus Status { get; }

    /// <summary>The app's validated configuration.</summary>
    AppConfigBase Config { get; }

    /// <summary>The host's configured time zone.</summary>
    TimeZoneInfo TimeZone { get; }

    /// <summary>Cancelled when the app starts finalizing; pass it to work that must not outlive the app.</summary>
    CancellationToken AppStopping { get; }

    /// <summary>
    /// Finalizes this app and initializes a fresh instance of it with the same registration. Returns once the restart
    /// is scheduled; it runs outside the calling callback, so it is safe to call from one.
    /// </summary>
    /// <param name="cancellationToken">Cancels scheduling the restart.</param>
    /// <returns>A task that completes once the restart has been queued.</returns>
    Task RestartAppAsync(CancellationToken cancellationToken = default);

    /// <summary>A snapshot of the whole engine.</summary>
    /// <returns>The statistics.</returns>
    EngineStats GetEngineStats();

    /// <summary>Every app instance the engine knows, for status views (queue, callbacks, next run).</summary>
    /// <returns>One entry per app, ordered by name.</returns>
    IReadOnlyList<AppInfo> GetApps();

    /// <summary>This app's entry of <see cref="GetApps"/>.</summary>
    /// <returns>The app's information.</returns>
    AppInfo GetAppInfo();

    /// <summary>Statistics of every callback this app registered, including cancelled ones.</summary>
    /// <returns>One entry per callback.</returns>
    IReadOnlyList<CallbackInfo> GetCallbacks();
}
