using Domovoy.Core.HomeAssistant.Client;

namespace Domovoy.Host.Admin.Status;

/// <summary>
/// Watches the Home Assistant connection for the status page: since when it is ready, and the message rate (sampled
/// every second, averaged over the last <see cref="RateWindow"/>). Created before the host starts, so it sees the first
/// connection too.
/// </summary>
internal sealed class HassConnectionMonitor : IDisposable
{
    /// <summary>The window the message rate is averaged over.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);

    private readonly HassWebSocketClient _client;
    private readonly TimeProvider _time;
    private readonly ITimer _sampler;
    private readonly Queue<(long Timestamp, long Frames)> _samples = new();
    private readonly bool _simulated;
    private DateTimeOffset? _connectedSince;
    private double _rate;

    public HassConnectionMonitor(HassWebSocketClient client, TimeProvider time, bool simulated)
    {
        _client = client;
        _time = time;
        _simulated = simulated;
        _client.StateChanged += OnStateChanged;
        _sampler = time.CreateTimer(_ => Sample(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Raised when the connection state changes (handlers must be quick).</summary>
    public event Action? Changed;

    public long MessagesTotal => _client.FramesReceived;

    public double MessagesPerSecond => Volatile.Read(ref _rate);

    public long Reconnects => Math.Max(0, _client.ReadyCount - 1);

    public HassConnectionState State => _client.State;

    public HassDto Snapshot()
    {
        var state = _client.State;
        DateTimeOffset? since;
        lock (_samples)
        {
            since = state == HassConnectionState.Ready ? _connectedSince : null;
        }

        return new HassDto(state, _client.HaVersion, since, Reconnects, MessagesTotal, Math.Round(MessagesPerSecond, 1), _simulated);
    }

    public void Dispose()
    {
        _client.StateChanged -= OnStateChanged;
        _sampler.Dispose();
    }

    private void OnStateChanged(object? sender, HassConnectionStateChangedEventArgs e)
    {
        lock (_samples)
        {
            _connectedSince = e.State == HassConnectionState.Ready ? _time.GetUtcNow() : null;
        }

        Changed?.Invoke();
    }

    private void Sample()
    {
        var now = _time.GetTimestamp();
        var frames = _client.FramesReceived;
        lock (_samples)
        {
            _samples.Enqueue((now, frames));
            while (_samples.Count > 1 && _time.GetElapsedTime(_samples.Peek().Timestamp, now) > RateWindow)
            {
                _samples.Dequeue();
            }

            var (oldestAt, oldestFrames) = _samples.Peek();
            var seconds = _time.GetElapsedTime(oldestAt, now).TotalSeconds;
            Volatile.Write(ref _rate, seconds > 0 ? (frames - oldestFrames) / seconds : 0);
        }
    }
}
