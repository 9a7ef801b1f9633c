namespace Domovoy.Core.Apps.Runtime;

/// <summary>
/// Something apps must wait for before they first start (Home Assistant's first synchronization), so InitializeAsync
/// sees a filled state cache. Reloads later do not wait: apps keep running across reconnects.
/// </summary>
internal interface IAppStartGate
{
    /// <summary>Completes when apps may start; throws when they never can (e.g. a rejected token).</summary>
    Task WaitUntilReadyAsync(CancellationToken cancellationToken);
}
