using Domovoy.Simulator;

namespace Domovoy.Benchmarks;

/// <summary>One client in the <c>peer</c> suite: connects to the simulator and counts every state_changed it decodes.</summary>
internal abstract class PeerContender : IAsyncDisposable
{
    private long _received;

    public abstract string Name { get; }

    public long Received => Interlocked.Read(ref _received);

    public abstract Task ConnectAsync(HomeAssistantSimulator simulator);

    public abstract ValueTask DisposeAsync();

    protected void Count() => Interlocked.Increment(ref _received);
}
