using System.Text.Json;
using Domovoy.Core.HomeAssistant.Client;

namespace Domovoy.Core.Tests.HomeAssistant;

[TestClass]
public sealed class HassFixtureTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ha-messages");

    public static IEnumerable<object[]> AllFixtures()
        => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ha-messages"), "*.json").Select(f => new object[] { Path.GetFileName(f) });

    [TestMethod]
    public void Fixtures_and_notice_are_copied()
    {
        Assert.IsTrue(File.Exists(Path.Combine(Folder, "NOTICE.md")));
        Assert.IsGreaterThanOrEqualTo(18, Directory.GetFiles(Folder, "*.json").Length);
    }

    [TestMethod]
    [DynamicData(nameof(AllFixtures))]
    public void Every_fixture_parses_into_the_client_model(string file)
    {
        var messages = HassJson.ParseFrame(File.ReadAllBytes(Path.Combine(Folder, file)));
        Assert.IsNotEmpty(messages);
        foreach (var message in messages)
        {
            Assert.IsFalse(string.IsNullOrEmpty(message.Type));
            switch (message.Type)
            {
                case "result":
                    Assert.IsNotNull(message.Id);
                    Assert.IsNotNull(message.Success);
                    if (message.Success == false)
                    {
                        Assert.IsNotNull(message.Error);
                    }

                    break;
                case "event":
                    Assert.IsNotNull(message.Event);
                    var ev = HassJson.ParseEvent(message.Event.Value);
                    Assert.IsFalse(string.IsNullOrEmpty(ev.EventType));
                    Assert.AreNotEqual(DateTimeOffset.MinValue, ev.TimeFired);
                    Assert.IsNotNull(ev.Context);
                    if (ev.EventType == "state_changed")
                    {
                        var entityId = HassJson.GetString(ev.Data, "entity_id");
                        var old = ev.Data.TryGetProperty("old_state", out var o) && o.ValueKind == JsonValueKind.Object ? HassJson.ParseState(o) : null;
                        var @new = ev.Data.TryGetProperty("new_state", out var n) && n.ValueKind == JsonValueKind.Object ? HassJson.ParseState(n) : null;
                        Assert.AreEqual(entityId, old?.EntityId ?? @new?.EntityId);
                    }

                    break;
            }
        }
    }

    [TestMethod]
    public void Auth_messages()
    {
        Assert.AreEqual("auth_required", Parse("auth_required.json").Type);
        var ok = Parse("auth_ok.json");
        Assert.AreEqual("auth_ok", ok.Type);
        Assert.AreEqual("23.1.0", ok.HaVersion);
        var bad = Parse("auth_notok.json");
        Assert.AreEqual("auth_invalid", bad.Type);
        Assert.AreEqual("Invalid password", bad.Message);
    }

    [TestMethod]
    public void States_parse_with_old_32_hex_contexts_and_no_last_reported()
    {
        var result = Parse("result_states.json");
        Assert.AreEqual(JsonValueKind.Array, result.CommandResult!.Value.ValueKind);
        var states = result.CommandResult.Value.EnumerateArray().Select(HassJson.ParseState).ToList();
        Assert.IsGreaterThan(5, states.Count);
        var zone = states.Single(s => s.EntityId == "zone.test");
        Assert.AreEqual("zoning", zone.State);
        Assert.AreEqual(200.0, zone.GetAttribute<double>("radius"));
        Assert.AreEqual(new DateTimeOffset(2019, 2, 16, 18, 11, 44, TimeSpan.Zero).AddTicks(1836730), zone.LastChanged);
        Assert.IsNull(zone.LastReported);
        Assert.AreEqual("f48f9a312c68402a81230b9f14a00a23", zone.Context!.Id);
        Assert.IsTrue(states.All(s => s.LastUpdated >= s.LastChanged));
    }

    [TestMethod]
    public void Error_result_carries_code_and_message()
    {
        var message = Parse("result_msg_error.json");
        Assert.IsFalse(message.Success);
        Assert.AreEqual("invalid_format", message.Error!.Code);
        StringAssert.StartsWith(message.Error.Message, "Message incorrectly formatted");
    }

    [TestMethod]
    public void Translation_fields_of_an_error_are_read()
    {
        var json = """{"id":12,"type":"result","success":false,"error":{"code":"not_found","message":"Service light.foo not found.","translation_key":"service_not_found","translation_domain":"homeassistant","translation_placeholders":{"domain":"light","service":"foo"}}}"""u8;
        var error = HassJson.ParseFrame(json.ToArray())[0].Error!;
        Assert.AreEqual("not_found", error.Code);
        Assert.AreEqual("service_not_found", error.TranslationKey);
        Assert.AreEqual("homeassistant", error.TranslationDomain);
        Assert.AreEqual("foo", error.TranslationPlaceholders!["service"].GetString());
    }

    [TestMethod]
    public void Service_response_and_context_are_read()
    {
        var message = Parse("result_calendar_list_event.json");
        var context = HassJson.ParseContext(message.CommandResult!.Value.GetProperty("context"))!;
        Assert.AreEqual("01H5X83MG4X9ZPT436JRBH6HXQ", context.Id);
        Assert.AreEqual("9587bf0916cf498fa289523c229ccdb4", context.UserId);
        Assert.AreEqual(1, message.CommandResult.Value.GetProperty("response").GetProperty("events").GetArrayLength());
    }

    [TestMethod]
    public void Coalesced_array_frame_gives_every_message()
    {
        var messages = HassJson.ParseFrame(File.ReadAllBytes(Path.Combine(Folder, "deviceregistry_update.json")));
        Assert.HasCount(2, messages);
        Assert.AreEqual(36, messages[0].Id);
        Assert.AreEqual(48, messages[1].Id);
        Assert.AreEqual("area_registry_updated", HassJson.ParseEvent(messages[1].Event!.Value).EventType);
    }

    [TestMethod]
    public void Config_state_and_version_are_read()
    {
        var config = Parse("result_config.json").CommandResult!.Value;
        Assert.AreEqual("RUNNING", config.GetProperty("state").GetString());
    }

    [TestMethod]
    [DataRow("not json")]
    [DataRow("42")]
    [DataRow("{\"id\":1}")]
    [DataRow("[{\"type\":\"result\"},3]")]
    [DataRow("{\"type\":\"result\"")]
    public void Malformed_frames_throw_JsonException(string text)
    {
        Assert.Throws<JsonException>(() => HassJson.ParseFrame(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    [TestMethod]
    public void Timestamps_without_fraction_and_compressed_context_parse()
    {
        var state = HassJson.ParseState(JsonDocument.Parse("""{"entity_id":"light.a","state":"on","attributes":{},"last_changed":"2025-01-05T10:00:00+00:00","last_updated":"2025-01-05T10:01:00.5+00:00","context":"01JGXABC"}""").RootElement);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 5, 10, 0, 0, TimeSpan.Zero), state.LastChanged);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 5, 10, 1, 0, 500, TimeSpan.Zero), state.LastUpdated);
        Assert.AreEqual("01JGXABC", state.Context!.Id);
    }

    private static HassMessage Parse(string file) => HassJson.ParseFrame(File.ReadAllBytes(Path.Combine(Folder, file))).Single();
}
