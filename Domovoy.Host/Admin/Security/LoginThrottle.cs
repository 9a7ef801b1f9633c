using System.Net;

namespace Domovoy.Host.Admin.Security;

/// <summary>
/// Limits failed logins (a wrong token by form or Bearer header) per client address: after <see cref="MaxFailures"/>
/// failures within <see cref="Window"/> the address is refused until its oldest failure leaves the window.
/// </summary>
internal sealed class LoginThrottle(TimeProvider time)
{
    /// <summary>Failed attempts allowed per address within <see cref="Window"/>.</summary>
    public const int MaxFailures = 5;

    /// <summary>The sliding window the failures are counted in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<IPAddress, Queue<DateTimeOffset>> _failures = [];

    /// <summary>How long the address must wait before its next attempt, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress? client)
    {
        var now = time.GetUtcNow();
        lock (_failures)
        {
            if (!_failures.TryGetValue(Key(client), out var failures))
            {
                return null;
            }

            Expire(failures, now);
            return failures.Count >= MaxFailures ? failures.Peek() + Window - now : null;
        }
    }

    public void RecordFailure(IPAddress? client)
    {
        var now = time.GetUtcNow();
        lock (_failures)
        {
            if (!_failures.TryGetValue(Key(client), out var failures))
            {
                _failures[Key(client)] = failures = new Queue<DateTimeOffset>();
            }

            Expire(failures, now);
            failures.Enqueue(now);

            // Forget addresses whose failures all expired, so the table cannot grow without bound.
            foreach (var stale in _failures.Where(p => p.Value.Count == 0 || p.Value.Peek() + Window <= now).Select(p => p.Key).ToArray())
            {
                if (!ReferenceEquals(_failures[stale], failures))
                {
                    _failures.Remove(stale);
                }
            }
        }
    }

    private static IPAddress Key(IPAddress? client) => client?.IsIPv4MappedToIPv6 == true ? client.MapToIPv4() : client ?? IPAddress.None;

    private static void Expire(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && failures.Peek() + Window <= now)
        {
            failures.Dequeue();
        }
    }
}
