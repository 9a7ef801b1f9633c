using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Plugins;

/// <summary>
/// The Callbacks plugin of one app. Split by concern: timers and schedules (<c>CallbacksPlugin.Timers.cs</c>) and Home
/// Assistant listeners (<c>CallbacksPlugin.Listeners.cs</c>). Everything goes through the app's <see cref="AppRuntime"/>.
/// </summary>
internal sealed partial class CallbacksPlugin : ICallbacksPlugin
{
    private readonly AppRuntime _runtime;
    private readonly IHassEventSource? _source;

    public CallbacksPlugin(AppRuntime runtime, IHassEventSource? source)
    {
        _runtime = runtime;
        _source = source;
    }

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
