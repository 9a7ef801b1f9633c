using Domovoy.Simulator;

namespace Domovoy.Benchmarks;

/// <summary>
/// A peer client (NetDaemon.Client) for the <c>peer</c> suite. Its code never enters this repository: the subclass is
/// one source file kept beside the peer's checked-out source and compiled in with
/// <c>-p:NetDaemonClientProject=&lt;its .csproj&gt; -p:NetDaemonContender=&lt;the file&gt;</c> (BENCHMARKS.md says what the
/// file does). Without it the suite measures raw and Domovoy only.
/// </summary>
internal abstract class PeerRival
{
    /// <summary>The column the suite reports it under (the suite's table calls it "NetDaemon").</summary>
    public abstract string Name { get; }

    /// <summary>A connection that counts each state_changed the peer decodes and keeps its new state, as its state cache does.</summary>
    public abstract PeerContender CreateContender();

    /// <summary>What the peer's transport and state cache do with one coalesced frame of state_changed messages (UTF-8 JSON array).</summary>
    public abstract Action DecodeFrame(byte[] frame);

    /// <summary>What the peer does with one get_states result message (UTF-8 JSON).</summary>
    public abstract Action DecodeGetStatesResult(byte[] frame);

    /// <summary>Opens a connection for timing get_states round trips.</summary>
    public abstract Task<IRivalGetStates> ConnectGetStatesAsync(HomeAssistantSimulator simulator);

    /// <summary>The subclass compiled into this assembly, or null when none was.</summary>
    public static PeerRival? Find()
        => typeof(PeerRival).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PeerRival)) && !t.IsAbstract)
            .Select(t => (PeerRival)Activator.CreateInstance(t)!)
            .FirstOrDefault();
}

/// <summary>An open peer connection that fetches every state.</summary>
internal interface IRivalGetStates : IAsyncDisposable
{
    /// <summary>Sends get_states and returns how many states came back.</summary>
    Task<int> GetStatesAsync();
}
