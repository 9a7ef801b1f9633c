using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Domovoy.Simulator.Tests.Support;

namespace Domovoy.Simulator.Tests;

[TestClass]
public sealed class RestTests
{
    private static HttpClient Client(HomeAssistantSimulator sim, string? token = "sim-token")
    {
        var http = new HttpClient { BaseAddress = sim.BaseUri, Timeout = WsTestClient.Timeout };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [TestMethod]
    public async Task Requests_without_the_bearer_token_are_401()
    {
        await using var sim = await Sim.StartAsync();
        using var anonymous = Client(sim, token: null);
        using var wrong = Client(sim, token: "nope");

        Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("api/states", UriKind.Relative))).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await wrong.GetAsync(new Uri("api/states/light.kitchen", UriKind.Relative))).StatusCode);
    }

    [TestMethod]
    public async Task Get_post_delete_state_status_codes_and_messages()
    {
        await using var sim = await Sim.StartAsync();
        using var http = Client(sim);

        var missing = await http.GetAsync(new Uri("api/states/sensor.new", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.AreEqual("""{"message":"Entity not found."}""", await missing.Content.ReadAsStringAsync());

        var created = await http.PostAsync(new Uri("api/states/sensor.new", UriKind.Relative), Body("""{"state":25,"attributes":{"unit_of_measurement":"°C"}}"""));
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode);
        Assert.AreEqual("/api/states/sensor.new", created.Headers.Location?.OriginalString);
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.AreEqual("25", body.Str("state"));
        Assert.AreEqual("°C", body.Str("attributes/unit_of_measurement"));

        var updated = await http.PostAsync(new Uri("api/states/sensor.new", UriKind.Relative), Body("""{"state":"26"}"""));
        Assert.AreEqual(HttpStatusCode.OK, updated.StatusCode);
        Assert.AreEqual("26", sim.GetState("sensor.new"));

        var noState = await http.PostAsync(new Uri("api/states/sensor.new", UriKind.Relative), Body("""{"attributes":{}}"""));
        Assert.AreEqual(HttpStatusCode.BadRequest, noState.StatusCode);
        Assert.AreEqual("""{"message":"No state attribute specified."}""", await noState.Content.ReadAsStringAsync());

        var badId = await http.PostAsync(new Uri("api/states/not_an_id", UriKind.Relative), Body("""{"state":"1"}"""));
        Assert.AreEqual("""{"message":"Invalid entity ID specified."}""", await badId.Content.ReadAsStringAsync());

        var tooLong = await http.PostAsync(new Uri("api/states/sensor.new", UriKind.Relative), Body($$"""{"state":"{{new string('x', 256)}}"}"""));
        Assert.AreEqual("""{"message":"Invalid state specified."}""", await tooLong.Content.ReadAsStringAsync());

        var deleted = await http.DeleteAsync(new Uri("api/states/sensor.new", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, deleted.StatusCode);
        Assert.IsNull(sim.GetState("sensor.new"));
    }

    [TestMethod]
    public async Task Post_event_fires_it_and_post_service_returns_changed_states()
    {
        await using var sim = await Sim.StartAsync();
        await using var ws = await WsTestClient.ConnectAuthenticatedAsync(sim);
        await ws.CommandAsync(new JsonObject { ["type"] = "subscribe_events", ["event_type"] = "garage_opened" });
        using var http = Client(sim);

        var fired = await http.PostAsync(new Uri("api/events/garage_opened", UriKind.Relative), Body("""{"by":"alex"}"""));
        Assert.AreEqual("""{"message":"Event garage_opened fired."}""", await fired.Content.ReadAsStringAsync());
        var e = await ws.ReceiveAsync();
        Assert.AreEqual("alex", e.Str("event/data/by"));
        Assert.AreEqual("REMOTE", e.Str("event/origin"));

        var service = await http.PostAsync(new Uri("api/services/switch/turn_on", UriKind.Relative), Body("""{"entity_id":"switch.garden_pump"}"""));
        var changed = JsonNode.Parse(await service.Content.ReadAsStringAsync())!.AsArray();
        Assert.AreEqual(1, changed.Count);
        Assert.AreEqual("switch.garden_pump", changed[0]!.Str("entity_id"));
        Assert.AreEqual("on", changed[0]!.Str("state"));

        var services = JsonNode.Parse(await http.GetStringAsync(new Uri("api/services", UriKind.Relative)))!.AsArray();
        Assert.IsTrue(services.Any(s => s!.Str("domain") == "input_number"));
    }
}
