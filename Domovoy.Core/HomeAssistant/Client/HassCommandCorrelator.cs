using System.Collections.Concurrent;
using Domovoy.Abstractions;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// Matches <c>result</c> and <c>pong</c> messages to the commands waiting for them, by id, within one connection.
/// When the connection ends every waiting command fails (it is never re-sent: Home Assistant may have executed it).
/// </summary>
internal sealed class HassCommandCorrelator
{
    private readonly ConcurrentDictionary<int, Pending> _pending = new();

    /// <summary>Starts waiting for the result of command <paramref name="id"/>.</summary>
    public Task<HassMessage> Register(int id, string description)
    {
        var pending = new Pending(description, new TaskCompletionSource<HassMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        _pending[id] = pending;
        return pending.Completion.Task;
    }

    /// <summary>Stops waiting for command <paramref name="id"/> (timed out, cancelled or not sent).</summary>
    public void Forget(int id) => _pending.TryRemove(id, out _);

    /// <summary>Completes the command a result or pong answers; false when no command waits for its id.</summary>
    public bool TryComplete(HassMessage message)
    {
        if (message.Id is not { } id || !_pending.TryRemove(id, out var pending))
        {
            return false;
        }

        pending.Completion.TrySetResult(message);
        return true;
    }

    /// <summary>Fails every waiting command with a <see cref="HassConnectionException"/> that names it and says it may have run.</summary>
    public void FailAll(Exception reason)
    {
        foreach (var id in _pending.Keys.ToArray())
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.Completion.TrySetException(new HassConnectionException(
                    $"The connection to Home Assistant was lost while '{pending.Description}' (id {id}) was in flight ({reason.Message}). " +
                    "It may or may not have been executed; it is not sent again.",
                    reason));
            }
        }
    }

    private sealed record Pending(string Description, TaskCompletionSource<HassMessage> Completion);
}
