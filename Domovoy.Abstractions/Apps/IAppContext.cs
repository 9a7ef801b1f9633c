using Microsoft.Extensions.Logging;

namespace Domovoy.Abstractions;

/// <summary>What the host hands an app instance before it is initialized. Implemented by the host only.</summary>
internal interface IAppContext
{
    ILogger Log { get; }

    AppConfigBase Config { get; }

    IMetaPlugin Meta { get; }

    ICallbacksPlugin Callbacks { get; }

    IHassPlugin Hass { get; }

    IServEntsPlugin ServEnts { get; }

    ITimePlugin Time { get; }

    IUtilsPlugin Utils { get; }
}
