using Domovoy.Abstractions;

namespace Domovoy.Samples.Heartbeat;

/// <summary>Registers this plugin's apps.</summary>
public sealed class Apps : IAppRegistrar
{
    /// <inheritdoc />
    public void Register(IAppRegistry apps)
        => apps.Register<HeartbeatApp, HeartbeatConfig>("heartbeat", new HeartbeatConfig { IntervalSeconds = 20, Message = "Domovoy is running" });
}
