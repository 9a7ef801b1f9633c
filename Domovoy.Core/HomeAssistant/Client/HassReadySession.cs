using Domovoy.Abstractions;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// The connection commands from apps may use: set while the client is Ready, cleared when that connection closes.
/// Commands issued in between wait here (bounded) instead of failing at once.
/// </summary>
internal sealed class HassReadySession
{
    private readonly object _gate = new();
    private TaskCompletionSource<HassSession> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HassSession? _open;
    private bool _stopped;

    /// <summary>Publishes a Ready connection; it is withdrawn by itself when the connection closes.</summary>
    public void Open(HassSession session)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            if (_next.Task.IsCompleted)
            {
                _next = new TaskCompletionSource<HassSession>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _open = session;
            _next.TrySetResult(session);
        }

        session.ClosingToken.Register(() => Close(session));
    }

    /// <summary>Fails every present and future waiter: the client stopped for good.</summary>
    public void Stop(Exception reason)
    {
        lock (_gate)
        {
            _stopped = true;
            _open = null;
            if (_next.Task.IsCompleted)
            {
                _next = new TaskCompletionSource<HassSession>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _next.TrySetException(reason);
        }
    }

    /// <summary>The Ready connection, waiting up to <paramref name="timeout"/> for one.</summary>
    /// <exception cref="HassConnectionException">None within the timeout, or the client stopped.</exception>
    public async Task<HassSession> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task<HassSession> next;
        lock (_gate)
        {
            if (_open is { } open)
            {
                return open;
            }

            next = _next.Task;
        }

        try
        {
            return await next.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new HassConnectionException(
                $"Not connected to Home Assistant: no connection within {timeout.TotalSeconds:0.###} s (the connection wait timeout: " +
                "HassClientOptions.ConnectionWaitTimeout, or per call IHassPlugin.WithConnectionWaitTimeout). The command was not sent.");
        }
    }

    private void Close(HassSession session)
    {
        lock (_gate)
        {
            if (!_stopped && ReferenceEquals(_open, session))
            {
                _open = null;
                _next = new TaskCompletionSource<HassSession>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
