using System.Text.Json;

namespace Domovoy.Abstractions;

/// <summary>A Home Assistant event.</summary>
/// <param name="EventType">The event type, e.g. <c>call_service</c>.</param>
/// <param name="Data">The event data (a JSON object).</param>
/// <param name="Origin"><c>LOCAL</c> or <c>REMOTE</c>.</param>
/// <param name="TimeFired">When it was fired.</param>
/// <param name="Context">Its context.</param>
public sealed record HassEvent(string EventType, JsonElement Data, string Origin, DateTimeOffset TimeFired, HassContext? Context);
