namespace Domovoy.Core.Apps.Runtime;

/// <summary>
/// Whether apps can start now: Home Assistant is connected and synchronized, so InitializeAsync sees a filled state
/// cache and can call services. Start-up waits for it; reloads wait for it too (bounded) when a restart is under way.
/// </summary>
internal interface IAppStartGate
{
    /// <summary>True while Home Assistant is connected and synchronized.</summary>
    bool IsReady { get; }

    /// <summary>Completes when Home Assistant is (again) ready; throws when it never can be (e.g. a rejected token).</summary>
    Task WaitUntilReadyAsync(CancellationToken cancellationToken);
}
