using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>What an app's Meta plugin may ask of the engine.</summary>
internal interface IAppEngineControl
{
    EngineStats GetStats();

    /// <summary>Queues a restart of the named app; returns without waiting for it.</summary>
    void RequestRestart(string appName);
}
