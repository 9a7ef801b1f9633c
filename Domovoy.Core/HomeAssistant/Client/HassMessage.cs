using System.Text.Json;
using Domovoy.Abstractions;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>One message from Home Assistant (a frame holds one, or an array of them when coalesced).</summary>
/// <remarks>Decoded in place by the read loop: see <see cref="Detach"/> for how long its JSON values live.</remarks>
/// <param name="Type">The message type: <c>auth_required</c>, <c>auth_ok</c>, <c>auth_invalid</c>, <c>result</c>, <c>event</c>, <c>pong</c>, …</param>
/// <param name="Id">The command or subscription id, if any.</param>
/// <param name="Success">For results: whether the command succeeded.</param>
/// <param name="CommandResult">For successful results: the result (may be JSON null).</param>
/// <param name="Error">For failed results: the error.</param>
/// <param name="Event">For events: the event payload.</param>
/// <param name="HaVersion">For auth messages: Home Assistant's version.</param>
/// <param name="Message">For <c>auth_invalid</c>: the message.</param>
internal sealed record HassMessage(
    string Type,
    int? Id,
    bool? Success,
    JsonElement? CommandResult,
    HassError? Error,
    JsonElement? Event,
    string? HaVersion,
    string? Message)
{
    /// <summary>
    /// For results of commands sent with a result decoder: what the decoder made of the result on the reader thread,
    /// while the frame was still alive (then <see cref="CommandResult"/> is null).
    /// </summary>
    public object? Decoded { get; init; }

    /// <summary>
    /// A copy whose <see cref="CommandResult"/> and <see cref="Event"/> own their data. Messages decoded by the read
    /// loop point into the frame's pooled buffer, valid only until the next frame is read; anything handed to another
    /// thread or kept is detached first.
    /// </summary>
    public HassMessage Detach() => CommandResult is null && Event is null ? this : this with { CommandResult = CommandResult?.Clone(), Event = Event?.Clone() };
}
