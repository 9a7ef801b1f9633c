using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.HomeAssistant.State;

namespace Domovoy.Core.HomeAssistant.Plugin;

/// <summary>Creates one <see cref="HassPlugin"/> per app, sharing the client and the state cache.</summary>
internal sealed class HassPluginFactory(HassWebSocketClient client, HassStateCache cache) : IHassPluginFactory
{
    public IHassPlugin Create(AppRuntime runtime) => new HassPlugin(runtime, client, cache);
}
