using System.Buffers;
using System.Text.Json;
using Domovoy.Abstractions;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>Builds the members of common commands as JSON, with null members omitted.</summary>
internal static class HassCommandBuilder
{
    public static JsonElement CallService(string domain, string service, ServiceTarget? target, JsonElement? data, bool returnResponse)
        => Build(writer =>
        {
            writer.WriteString("domain", domain);
            writer.WriteString("service", service);
            if (data is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } d)
            {
                writer.WritePropertyName("service_data");
                d.WriteTo(writer);
            }

            if (target is not null)
            {
                writer.WriteStartObject("target");
                WriteList(writer, "entity_id", target.EntityIds);
                WriteList(writer, "device_id", target.DeviceIds);
                WriteList(writer, "area_id", target.AreaIds);
                WriteList(writer, "floor_id", target.FloorIds);
                WriteList(writer, "label_id", target.LabelIds);
                writer.WriteEndObject();
            }

            if (returnResponse)
            {
                writer.WriteBoolean("return_response", true);
            }
        });

    public static JsonElement FireEvent(string eventType, JsonElement? data)
        => Build(writer =>
        {
            writer.WriteString("event_type", eventType);
            if (data is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } d)
            {
                writer.WritePropertyName("event_data");
                d.WriteTo(writer);
            }
        });

    public static JsonElement SubscribeTrigger(JsonElement trigger)
        => Build(writer =>
        {
            writer.WritePropertyName("trigger");
            trigger.WriteTo(writer);
        });

    public static JsonElement SubscribeEvents(string? eventType)
        => Build(writer =>
        {
            if (eventType is not null)
            {
                writer.WriteString("event_type", eventType);
            }
        });

    public static JsonElement Unsubscribe(int subscriptionId)
        => Build(writer => writer.WriteNumber("subscription", subscriptionId));

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }
}
