using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Api;

/// <summary>
/// The Callbacks API of one app (<c>AppBase.Callbacks</c>). Split by concern: timers and schedules (<c>AppCallbacks.Timers.cs</c>, <c>AppCallbacks.Scheduling.cs</c>) and Home
/// Assistant listeners (<c>AppCallbacks.Listeners.cs</c>). Everything goes through the app's <see cref="AppRuntime"/>.
/// </summary>
internal sealed partial class AppCallbacks : ICallbacksPlugin
{
    private readonly AppRuntime _runtime;
    private readonly IHassEventSource? _source;
    private readonly ILocationProvider? _location;
    private readonly TimeSpan? _misfireGrace;

    /// <param name="runtime">The app's runtime.</param>
    /// <param name="source">Home Assistant's state and events, or null in a host without Home Assistant.</param>
    /// <param name="location">Where the sun is computed for, or null when unknown.</param>
    public AppCallbacks(AppRuntime runtime, IHassEventSource? source, ILocationProvider? location)
    {
        _runtime = runtime;
        _source = source;
        _location = location;
    }

    /// <summary>A view of <paramref name="source"/> whose schedules use <paramref name="misfireGrace"/> (see <see cref="WithScheduleOptions"/>).</summary>
    private AppCallbacks(AppCallbacks source, TimeSpan misfireGrace)
        : this(source._runtime, source._source, source._location)
    {
        _misfireGrace = misfireGrace;
    }

    /// <summary>The misfire grace of schedules made through this object.</summary>
    private TimeSpan MisfireGrace => _misfireGrace ?? _runtime.MisfireGrace;

    public bool Cancel(CallbackId id)
    {
        if (_runtime.Callbacks.Cancel(id))
        {
            return true;
        }

        _runtime.Logger.LogWarning("App {App}: Cancel({Id}) found no active callback with that id.", _runtime.AppName, id);
        return false;
    }
}
