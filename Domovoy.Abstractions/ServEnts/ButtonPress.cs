using System.Text.Json;

namespace Domovoy.Abstractions;

/// <summary>A press of a ServEnts button.</summary>
/// <param name="EventName">The event name the button was created with (without the app prefix).</param>
/// <param name="Data">The event data (a JSON object; the configured event data).</param>
/// <param name="Event">The Home Assistant event.</param>
public sealed record ButtonPress(string EventName, JsonElement Data, HassEvent Event);
