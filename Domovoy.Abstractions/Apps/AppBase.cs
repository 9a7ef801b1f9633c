using Microsoft.Extensions.Logging;

namespace Domovoy.Abstractions;

/// <summary>
/// Base class of apps that take no configuration. Apps with configuration derive from <see cref="AppBase{TConfig}"/>.
/// </summary>
/// <remarks>
/// The host creates the instance, then calls <see cref="InitializeAsync"/>; the plugin properties
/// (<see cref="Log"/>, <see cref="Callbacks"/>, <see cref="Hass"/>, …) are available from then on, not in the constructor.
/// Everything the app registers through the plugins (timers, listeners, subscriptions) is cancelled by the host before
/// <see cref="FinalizeAsync"/> runs, so apps need no cleanup code for those. An app's callbacks never run concurrently
/// with each other, so plain instance fields are safe.
/// </remarks>
public abstract class AppBase
{
    private IAppContext? _context;

    /// <summary>The app's logger; its category names the app.</summary>
    public ILogger Log => Context.Log;

    /// <summary>Information about this app and the engine, and control over the app's own lifecycle.</summary>
    public IMetaPlugin Meta => Context.Meta;

    /// <summary>Timers, schedules and Home Assistant listeners owned by this app.</summary>
    public ICallbacksPlugin Callbacks => Context.Callbacks;

    /// <summary>Home Assistant: state, services, events and triggers.</summary>
    public IHassPlugin Hass => Context.Hass;

    /// <summary>Entities the app creates in Home Assistant through the ServEnts integration.</summary>
    public IServEntsPlugin ServEnts => Context.ServEnts;

    /// <summary>Time in the configured time zone, and app-scoped delays.</summary>
    public ITimePlugin Time => Context.Time;

    /// <summary>Parsing helpers and background work tied to the app's lifetime.</summary>
    public IUtilsPlugin Utils => Context.Utils;

    private IAppContext Context => _context ?? throw new InvalidOperationException(
        $"The plugins of app class '{GetType().Name}' are not available yet. Use them from InitializeAsync on, not in the constructor or field initializers.");

    /// <summary>Called once after the app is created. Set up listeners and timers here.</summary>
    /// <param name="cancellationToken">Cancelled when the host shuts down or gives up on the app.</param>
    /// <returns>A task that completes when the app is initialized.</returns>
    public virtual Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Called once when the app stops (reload, removal, shutdown, or after a failed <see cref="InitializeAsync"/>).
    /// The app's callbacks are already cancelled. The host waits for it up to a timeout (10 s by default).
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the finalize timeout expires.</param>
    /// <returns>A task that completes when the app is finalized.</returns>
    public virtual Task FinalizeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal void Attach(IAppContext context)
    {
        if (_context is not null)
        {
            throw new InvalidOperationException($"App '{context.Meta.AppName}' is already attached to a host.");
        }

        _context = context;
        OnAttached(context);
    }

    private protected virtual void OnAttached(IAppContext context)
    {
    }
}
