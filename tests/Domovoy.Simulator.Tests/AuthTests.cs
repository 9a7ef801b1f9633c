using System.Text.Json.Nodes;
using Domovoy.Simulator.Tests.Support;

namespace Domovoy.Simulator.Tests;

[TestClass]
public sealed class AuthTests
{
    [TestMethod]
    public async Task Valid_token_gets_auth_required_then_auth_ok_with_version()
    {
        await using var sim = await Sim.StartAsync(o => o.HaVersion = "2025.2.1");
        await using var client = await WsTestClient.ConnectAsync(sim);

        Assert.AreEqual("""{"type":"auth_required","ha_version":"2025.2.1"}""", await client.ReceiveFrameAsync());
        await client.SendRawAsync("""{"type":"auth","access_token":"sim-token"}""");
        Assert.AreEqual("""{"type":"auth_ok","ha_version":"2025.2.1"}""", await client.ReceiveFrameAsync());
        await sim.WaitForAuthenticatedConnectionsAsync(1, Sim.Timeout());
        Assert.AreEqual(0, sim.FailedLogins);
    }

    [TestMethod]
    public async Task Wrong_token_gets_auth_invalid_then_close_and_counts_a_failed_login()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAsync(sim);
        await client.ReceiveFrameAsync();

        await client.SendRawAsync("""{"type":"auth","access_token":"wrong"}""");

        Assert.AreEqual("""{"type":"auth_invalid","message":"Invalid access token or password"}""", await client.ReceiveFrameAsync());
        Assert.IsTrue(await client.WaitForCloseAsync(), "expected a clean close frame");
        Assert.AreEqual(1, sim.FailedLogins);
    }

    [TestMethod]
    public async Task Extra_key_in_auth_message_is_reported_as_incorrectly_formatted()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAsync(sim);
        await client.ReceiveFrameAsync();

        await client.SendRawAsync("""{"type":"auth","access_token":"sim-token","id":1}""");

        var reply = JsonNode.Parse((await client.ReceiveFrameAsync())!)!;
        Assert.AreEqual("auth_invalid", reply.Str("type"));
        Assert.AreEqual("Auth message incorrectly formatted: extra keys not allowed @ data['id']. Got 1", reply.Str("message"));
        Assert.IsTrue(await client.WaitForCloseAsync());
        Assert.AreEqual(0, sim.FailedLogins, "schema failures are not wrong logins");
    }

    [TestMethod]
    public async Task Invalid_json_during_auth_closes_without_a_message()
    {
        await using var sim = await Sim.StartAsync();
        await using var client = await WsTestClient.ConnectAsync(sim);
        await client.ReceiveFrameAsync();

        await client.SendRawAsync("{not json");

        Assert.IsTrue(await client.WaitForCloseAsync());
        Assert.AreEqual(1, client.RawFrames.Count, "only auth_required was sent");
    }

    [TestMethod]
    public async Task Silent_client_is_closed_after_the_auth_timeout()
    {
        await using var sim = await Sim.StartAsync(o => o.AuthTimeout = TimeSpan.FromMilliseconds(200));
        await using var client = await WsTestClient.ConnectAsync(sim);
        await client.ReceiveFrameAsync();

        Assert.IsTrue(await client.WaitForCloseAsync());
        Assert.AreEqual(1, client.RawFrames.Count, "no auth_invalid on timeout");
        await sim.WaitForConnectionCountAsync(0, Sim.Timeout());
    }
}
