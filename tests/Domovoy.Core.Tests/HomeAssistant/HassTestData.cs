using System.Globalization;
using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.HomeAssistant.Client;

namespace Domovoy.Core.Tests.HomeAssistant;

internal static class HassTestData
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 5, 10, 0, 0, TimeSpan.Zero);

    public static EntityState State(string id, string state, DateTimeOffset updated, string? attributesJson = null)
        => new(id, state, JsonDocument.Parse(attributesJson ?? "{}").RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()), updated, updated, updated, new HassContext("ctx", null, null));

    public static HassEvent StateChanged(string id, string? newState, DateTimeOffset updated)
    {
        var t = updated.ToString("O", CultureInfo.InvariantCulture);
        var n = newState is null ? "null" : $$$"""{"entity_id":"{{{id}}}","state":"{{{newState}}}","attributes":{},"last_changed":"{{{t}}}","last_updated":"{{{t}}}","context":{"id":"c","parent_id":null,"user_id":null}}""";
        var json = $$$"""{"event_type":"state_changed","data":{"entity_id":"{{{id}}}","old_state":null,"new_state":{{{n}}}},"origin":"LOCAL","time_fired":"{{{t}}}","context":{"id":"c","parent_id":null,"user_id":null}}""";
        return HassJson.ParseEvent(JsonDocument.Parse(json).RootElement.Clone());
    }

    public static HassEvent Event(string type)
        => HassJson.ParseEvent(JsonDocument.Parse($$$"""{"event_type":"{{{type}}}","data":{},"origin":"LOCAL","time_fired":"2025-01-05T10:00:00+00:00","context":{"id":"c"}}""").RootElement.Clone());
}
