using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.HomeAssistant.State;

namespace Domovoy.Core.HomeAssistant.Apps;

/// <summary>Creates one <see cref="AppHass"/> per app, sharing the client and the state cache.</summary>
internal sealed class AppHassFactory(HassWebSocketClient client, HassStateCache cache) : IAppHassFactory
{
    public IHassPlugin Create(AppRuntime runtime) => new AppHass(runtime, client, cache);
}
