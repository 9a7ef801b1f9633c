using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>One authenticated WebSocket connection: its id counter, pending commands and live subscription ids.</summary>
internal sealed class HassSession : IDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private readonly CancellationTokenRegistration _stopRegistration;
    private int _closed;

    public HassSession(WebSocket socket, long number, CancellationToken stopping)
    {
        Socket = socket;
        Number = number;
        ClosingToken = _closing.Token;
        _stopRegistration = stopping.Register(static s => ((CancellationTokenSource)s!).Cancel(), _closing);
    }

    public WebSocket Socket { get; }

    /// <summary>Increases with every connection; subscriptions remember in which one they were issued.</summary>
    public long Number { get; }

    /// <summary>Guards id allocation together with the send, so ids reach the server in increasing order.</summary>
    public SemaphoreSlim SendLock { get; } = new(1, 1);

    /// <summary>The last id sent; only changed under <see cref="SendLock"/>.</summary>
    public int LastId { get; set; }

    public ConcurrentDictionary<int, TaskCompletionSource<HassMessage>> Pending { get; } = new();

    public ConcurrentDictionary<int, HassSubscription> Subscriptions { get; } = new();

    /// <summary>Cancelled when the session closes or the client stops.</summary>
    public CancellationToken ClosingToken { get; }

    /// <summary>Why the session closed (the first reason given).</summary>
    public Exception? CloseReason { get; set; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Marks the session closed; true for the first caller only.</summary>
    public bool TryMarkClosed() => Interlocked.Exchange(ref _closed, 1) == 0;

    public Task CancelAsync() => _closing.CancelAsync();

    /// <summary>Releases the socket. The token source and lock are left to the GC: late callers may still touch them.</summary>
    public void Dispose()
    {
        _stopRegistration.Dispose();
        Socket.Dispose();
    }
}
