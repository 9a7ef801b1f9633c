using System.Text.Json;
using Domovoy.Abstractions;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>One message from Home Assistant (a frame holds one, or an array of them when coalesced).</summary>
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
    string? Message);
