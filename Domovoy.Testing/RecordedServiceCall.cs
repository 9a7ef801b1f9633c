using System.Text.Json;

namespace Domovoy.Testing;

/// <summary>One service call an app made through <c>Hass.CallServiceAsync</c>, recorded when the app issued it.</summary>
/// <param name="App">The app's name (as registered).</param>
/// <param name="Domain">The service domain, e.g. <c>light</c>.</param>
/// <param name="Service">The service, e.g. <c>turn_on</c>.</param>
/// <param name="EntityIds">The target's entity ids (empty when the call had no entity target).</param>
/// <param name="Data">The service data as JSON, serialized the way the host sends it (snake_case names, nulls omitted), or null.</param>
/// <param name="Time">The fake clock's time when the app issued the call.</param>
public sealed record RecordedServiceCall(string App, string Domain, string Service, IReadOnlyList<string> EntityIds, JsonElement? Data, DateTimeOffset Time)
{
    /// <summary>The value of one data field, or null when the call had no such field.</summary>
    /// <param name="field">The field name as sent, e.g. <c>brightness_pct</c>.</param>
    /// <returns>The field's JSON value, or null.</returns>
    public JsonElement? DataField(string field)
        => Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(field, out var value) ? value : null;

    /// <summary>e.g. <c>hallway_lights: light.turn_on light.hallway {"brightness_pct":80} at 2025-01-06T12:00:30Z</c>.</summary>
    /// <returns>A one-line description for failure messages.</returns>
    public override string ToString()
        => $"{App}: {Domain}.{Service}{(EntityIds.Count > 0 ? " " + string.Join(",", EntityIds) : string.Empty)}{(Data is { } d ? " " + d.GetRawText() : string.Empty)} at {Time:yyyy-MM-ddTHH:mm:ssK}";
}
