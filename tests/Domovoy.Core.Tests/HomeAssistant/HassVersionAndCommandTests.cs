using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.HomeAssistant.Client;

namespace Domovoy.Core.Tests.HomeAssistant;

[TestClass]
public sealed class HassVersionAndCommandTests
{
    [TestMethod]
    [DataRow("2025.1.0", true)]
    [DataRow("2022.9.0", true)]
    [DataRow("2022.9.0b3", true)]
    [DataRow("2022.10.0.dev20220901", true)]
    [DataRow("2022.8.7", false)]
    [DataRow("23.1.0", false)]
    [DataRow("", false)]
    [DataRow(null, false)]
    [DataRow("garbage", false)]
    public void Coalescing_needs_2022_9(string? version, bool expected)
        => Assert.AreEqual(expected, HassVersion.AtLeast(version, 2022, 9));

    [TestMethod]
    public void Call_service_omits_nulls_and_maps_the_target()
    {
        var data = JsonSerializer.SerializeToElement(new { brightness_pct = 50, color_name = (string?)null }, HassJson.CreateSerializerOptions());
        var fields = HassCommandBuilder.CallService("light", "turn_on", new ServiceTarget { EntityIds = ["light.kitchen"], AreaIds = ["living"] }, data, returnResponse: false);
        Assert.AreEqual(
            """{"domain":"light","service":"turn_on","service_data":{"brightness_pct":50},"target":{"entity_id":["light.kitchen"],"area_id":["living"]}}""",
            fields.GetRawText());
    }

    [TestMethod]
    public void App_data_uses_snake_case_names_omits_null_properties_and_keeps_dictionaries_as_given()
    {
        var options = HassJson.CreateSerializerOptions();
        Assert.AreEqual("""{"brightness_pct":5,"rgb_color":[1,2,3]}""", JsonSerializer.Serialize(new { BrightnessPct = 5, rgb_color = new[] { 1, 2, 3 }, Effect = (string?)null }, options));
        // Dictionary entries are written as given (STJ's ignore conditions apply to properties only).
        Assert.AreEqual("""{"MixedCase":1,"kept":null}""", JsonSerializer.Serialize(new Dictionary<string, object?> { ["MixedCase"] = 1, ["kept"] = null }, options));
    }

    [TestMethod]
    public void Call_service_without_data_or_target_and_with_response()
    {
        var fields = HassCommandBuilder.CallService("script", "x", null, null, returnResponse: true);
        Assert.AreEqual("""{"domain":"script","service":"x","return_response":true}""", fields.GetRawText());
    }

    [TestMethod]
    public void Options_map_http_urls_to_the_websocket_endpoint()
    {
        Assert.AreEqual("ws://ha.local:8123/api/websocket", new HassClientOptions { Uri = new Uri("http://ha.local:8123") }.GetWebSocketUri().ToString());
        Assert.AreEqual("wss://ha.example/api/websocket", new HassClientOptions { Uri = new Uri("https://ha.example/") }.GetWebSocketUri().ToString());
        Assert.AreEqual("ws://x:1/custom", new HassClientOptions { Uri = new Uri("ws://x:1/custom") }.GetWebSocketUri().ToString());
    }

    [TestMethod]
    public void Authentication_exception_does_not_contain_a_token()
    {
        var ex = new HassAuthenticationException("Invalid access token or password");
        StringAssert.Contains(ex.Message, "auth_invalid");
        StringAssert.Contains(ex.Message, "Invalid access token or password");
    }
}
