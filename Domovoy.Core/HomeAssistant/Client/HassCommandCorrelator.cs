using System.Collections.Concurrent;
using System.Text.Json;
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
    /// <param name="id">The command id.</param>
    /// <param name="description">Names the command in errors.</param>
    /// <param name="decodeResult">Run on the reader thread on a successful result (see <see cref="HassSession.RequestAsync"/>), or null to copy the result.</param>
    public Task<HassMessage> Register(int id, string description, Func<JsonElement, object?>? decodeResult = null)
    {
        var pending = new Pending(description, decodeResult, new TaskCompletionSource<HassMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        _pending[id] = pending;
        return pending.Completion.Task;
    }

    /// <summary>Stops waiting for command <paramref name="id"/> (timed out, cancelled or not sent).</summary>
    public void Forget(int id) => _pending.TryRemove(id, out _);

    /// <summary>
    /// Completes the command a result or pong answers, with the message detached from its frame (or decoded by the
    /// command's decoder); false when no command waits for its id.
    /// </summary>
    public bool TryComplete(HassMessage message)
    {
        if (message.Id is not { } id || !_pending.TryRemove(id, out var pending))
        {
            return false;
        }

        if (pending.DecodeResult is null || message.Success != true)
        {
            pending.Completion.TrySetResult(message.Detach());
            return true;
        }

        try
        {
            var decoded = pending.DecodeResult(message.CommandResult ?? default);
            pending.Completion.TrySetResult(message with { CommandResult = null, Event = null, Decoded = decoded });
        }
        catch (Exception ex)
        {
            pending.Completion.TrySetException(ex);
        }

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

    private sealed record Pending(string Description, Func<JsonElement, object?>? DecodeResult, TaskCompletionSource<HassMessage> Completion);
}
