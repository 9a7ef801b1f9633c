using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Domovoy.Host.Admin.Logs;

/// <summary>
/// The recent log lines kept for the status page: the last <see cref="HostCapacity"/> lines of the whole host, and the
/// last <see cref="SourceCapacity"/> of each app (and each other category), so a chatty app never pushes a quiet one's
/// lines out. Live subscribers get every new line through their own bounded channel (oldest dropped when they lag).
/// </summary>
internal sealed class LiveLogStore
{
    /// <summary>Lines kept for the host log.</summary>
    public const int HostCapacity = 1000;

    /// <summary>Lines kept per app (or category).</summary>
    public const int SourceCapacity = 200;

    private readonly object _gate = new();
    private readonly Queue<LogLine> _host = new();
    private readonly Dictionary<string, Queue<LogLine>> _sources = new(StringComparer.Ordinal);
    private readonly List<Channel<LogLine>> _subscribers = [];
    private readonly TimeProvider _time;
    private string? _secret;
    private long _seq;

    public LiveLogStore(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Sets a value (the admin token) that is replaced by <c>***</c> wherever it would appear in a kept line.</summary>
    public void Redact(string secret) => Volatile.Write(ref _secret, secret);

    public void Add(LogLevel level, string category, string? app, string message)
    {
        if (Volatile.Read(ref _secret) is { Length: > 0 } secret && message.Contains(secret, StringComparison.Ordinal))
        {
            message = message.Replace(secret, "***", StringComparison.Ordinal);
        }

        Channel<LogLine>[] subscribers;
        LogLine line;
        lock (_gate)
        {
            line = new LogLine(++_seq, _time.GetUtcNow(), level, category, app, message);
            Append(_host, line, HostCapacity);
            var key = app ?? category;
            if (!_sources.TryGetValue(key, out var source))
            {
                _sources[key] = source = new Queue<LogLine>();
            }

            Append(source, line, SourceCapacity);
            subscribers = _subscribers.Count == 0 ? [] : _subscribers.ToArray();
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Writer.TryWrite(line);
        }
    }

    /// <summary>The kept host lines at or above <paramref name="minLevel"/>, oldest first.</summary>
    public IReadOnlyList<LogLine> Host(LogLevel minLevel)
    {
        lock (_gate)
        {
            return _host.Where(l => l.Level >= minLevel).ToArray();
        }
    }

    /// <summary>The kept lines of one app (its own logger's and the host's lines about it), oldest first.</summary>
    public IReadOnlyList<LogLine> App(string appName, string displayName, LogLevel minLevel)
    {
        lock (_gate)
        {
            var own = _sources.GetValueOrDefault(appName) ?? [];
            var logger = _sources.GetValueOrDefault(displayName) ?? [];
            return own.Concat(logger).Where(l => l.Level >= minLevel).OrderBy(l => l.Seq).ToArray();
        }
    }

    /// <summary>Receives every new line until the returned handle is disposed; a reader that lags loses its oldest lines.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(500) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        return new Subscription(this, channel);
    }

    private static void Append(Queue<LogLine> queue, LogLine line, int capacity)
    {
        queue.Enqueue(line);
        if (queue.Count > capacity)
        {
            queue.Dequeue();
        }
    }

    /// <summary>A live reader of new lines.</summary>
    internal sealed class Subscription(LiveLogStore store, Channel<LogLine> channel) : IDisposable
    {
        public ChannelReader<LogLine> Reader => channel.Reader;

        public void Dispose()
        {
            lock (store._gate)
            {
                store._subscribers.Remove(channel);
            }

            channel.Writer.TryComplete();
        }
    }
}
