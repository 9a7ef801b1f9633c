using System.Net;
using System.Text.Json;
using Domovoy.Host.Tests.Support;

namespace Domovoy.Host.Tests;

/// <summary>The admin API over real HTTP against the real host process (sample apps on the embedded simulator).</summary>
[TestClass]
public sealed class AdminApiTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task The_api_shows_apps_plugins_engine_connection_and_metrics_to_token_holders_only()
    {
        using var workspace = new SampleWorkspace();
        await using var host = await AdminHost.StartAsync(workspace);

        using (var anonymous = new HttpClient { BaseAddress = host.Address })
        {
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/apps")).StatusCode);
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("metrics")).StatusCode);
        }

        using var apps = JsonDocument.Parse(await host.Client.GetStringAsync("api/apps"));
        CollectionAssert.AreEqual(SampleWorkspace.SampleApps, apps.RootElement.EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToArray());
        var heartbeat = apps.RootElement.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "heartbeat");
        Assert.AreEqual("HeartbeatApp", heartbeat.GetProperty("class_name").GetString());
        Assert.AreEqual("Heartbeat", heartbeat.GetProperty("plugin").GetString());
        Assert.AreEqual(1, heartbeat.GetProperty("plugin_version").GetInt64());
        Assert.AreEqual("running", heartbeat.GetProperty("status").GetString());
        Assert.AreEqual(JsonValueKind.String, heartbeat.GetProperty("since").ValueKind);
        Assert.AreEqual(20, heartbeat.GetProperty("config").GetProperty("IntervalSeconds").GetInt32());
        var timer = heartbeat.GetProperty("callbacks").EnumerateArray().Single();
        Assert.AreEqual("scheduler", timer.GetProperty("kind").GetString());
        Assert.AreEqual(JsonValueKind.String, timer.GetProperty("next_run").ValueKind, "a timer shows its next run");
        Assert.AreEqual(10_000, heartbeat.GetProperty("queue").GetProperty("capacity").GetInt32());

        using var plugins = JsonDocument.Parse(await host.Client.GetStringAsync("api/plugins"));
        var motionLights = plugins.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "MotionLights");
        Assert.AreEqual(1, motionLights.GetProperty("loaded_version").GetInt64());
        var load = motionLights.GetProperty("history").EnumerateArray().Single();
        Assert.AreEqual("loaded", load.GetProperty("outcome").GetString());
        Assert.IsGreaterThan(0, load.GetProperty("duration_ms").GetDouble());

        using var engine = JsonDocument.Parse(await host.Client.GetStringAsync("api/engine"));
        Assert.AreEqual(5, engine.RootElement.GetProperty("total_apps").GetInt32());
        Assert.AreEqual(5, engine.RootElement.GetProperty("apps_per_status").GetProperty("running").GetInt32());
        Assert.AreEqual(4, engine.RootElement.GetProperty("loaded_plugins").GetInt32());

        using var hass = JsonDocument.Parse(await host.Client.GetStringAsync("api/hass"));
        Assert.AreEqual("ready", hass.RootElement.GetProperty("state").GetString());
        Assert.IsTrue(hass.RootElement.GetProperty("simulated").GetBoolean());
        Assert.IsGreaterThan(0, hass.RootElement.GetProperty("messages_total").GetInt64());
        Assert.AreEqual(JsonValueKind.String, hass.RootElement.GetProperty("connected_since").ValueKind);

        var metrics = await host.Client.GetStringAsync("metrics");
        StringAssert.Contains(metrics, "domovoy_apps{status=\"running\"} 5");
        StringAssert.Contains(metrics, "domovoy_app_status{app=\"heartbeat\",plugin=\"Heartbeat\",status=\"running\"} 1");
        StringAssert.Contains(metrics, "domovoy_reloads_total 0");
        StringAssert.Contains(metrics, "domovoy_hass_connected 1");
        StringAssert.Contains(metrics, "domovoy_app_queue_length{app=\"motion_counter\"} 0");
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Restarting_an_app_reinitializes_only_that_app()
    {
        using var workspace = new SampleWorkspace();
        await using var host = await AdminHost.StartAsync(workspace);
        var before = (await host.AppsAsync()).ToDictionary(a => a.Name, a => a.InstanceId);
        var initializedBefore = SampleWorkspace.SampleApps.ToDictionary(a => a, a => host.Output.Count($"App {a} initialized"));

        using var response = await host.Client.PostAsync("api/apps/kitchen_lights/restart", null);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        using var app = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual("running", app.RootElement.GetProperty("status").GetString());

        var after = (await host.AppsAsync()).ToDictionary(a => a.Name, a => a.InstanceId);
        Assert.AreNotEqual(before["kitchen_lights"], after["kitchen_lights"], "a new instance runs");
        await host.Output.WaitForAsync(_ => host.Output.Count("App kitchen_lights initialized") == initializedBefore["kitchen_lights"] + 1, AdminHost.Patience, "with the second 'App kitchen_lights initialized'");
        foreach (var other in SampleWorkspace.SampleApps.Where(a => a != "kitchen_lights"))
        {
            Assert.AreEqual(before[other], after[other], $"{other} keeps its instance");
            Assert.AreEqual(initializedBefore[other], host.Output.Count($"App {other} initialized"), $"{other} is not reinitialized");
        }

        Assert.AreEqual(HttpStatusCode.NotFound, (await host.Client.PostAsync("api/apps/no_such_app/restart", null)).StatusCode);
    }

    [TestMethod]
    [Timeout(400_000, CooperativeCancellation = true)]
    public async Task A_disabled_app_stays_registered_survives_a_host_restart_and_starts_again_when_enabled()
    {
        using var workspace = new SampleWorkspace();
        await using (var host = await AdminHost.StartAsync(workspace))
        {
            using var response = await host.Client.PostAsync("api/apps/heartbeat/disable", null);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
            Assert.AreEqual("disabled", (await host.AppsAsync()).Single(a => a.Name == "heartbeat").Status);
            await host.Output.WaitForLineAsync("App heartbeat terminated", AdminHost.Patience);
            StringAssert.Contains(File.ReadAllText(workspace.StateFilePath), "\"heartbeat\"");
            Assert.AreEqual(HttpStatusCode.Conflict, (await host.Client.PostAsync("api/apps/heartbeat/restart", null)).StatusCode, "a disabled app is not restarted");
            await host.StopAsync();
        }

        await using (var host = await AdminHost.StartAsync(workspace))
        {
            var apps = await host.AppsAsync();
            Assert.AreEqual("disabled", apps.Single(a => a.Name == "heartbeat").Status, "disabled across a host restart");
            Assert.AreEqual(0, host.Output.Count("App heartbeat initialized"), host.Output.Text);
            Assert.AreEqual(4, apps.Count(a => a.Status == "running"));
            using var engine = JsonDocument.Parse(await host.Client.GetStringAsync("api/engine"));
            Assert.AreEqual("heartbeat", engine.RootElement.GetProperty("disabled_apps").EnumerateArray().Single().GetString());

            using var response = await host.Client.PostAsync("api/apps/heartbeat/enable", null);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
            await host.Output.WaitForLineAsync("App heartbeat initialized", AdminHost.Patience);
            Assert.AreEqual("running", (await host.AppsAsync()).Single(a => a.Name == "heartbeat").Status);
            StringAssert.Contains(File.ReadAllText(workspace.StateFilePath), "\"disabled_apps\": []");
        }
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Cross_site_actions_and_wrong_tokens_are_refused_failed_logins_are_limited_and_the_token_is_never_shown()
    {
        using var workspace = new SampleWorkspace();
        await using var host = await AdminHost.StartAsync(workspace);

        using (var crossOrigin = new HttpRequestMessage(HttpMethod.Post, "api/apps/heartbeat/disable"))
        {
            crossOrigin.Headers.Add("Origin", "http://evil.example");
            Assert.AreEqual(HttpStatusCode.Forbidden, (await host.Client.SendAsync(crossOrigin)).StatusCode);
        }

        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, "api/apps/heartbeat/disable"))
        {
            crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
            Assert.AreEqual(HttpStatusCode.Forbidden, (await host.Client.SendAsync(crossSite)).StatusCode);
        }

        Assert.AreEqual("running", (await host.AppsAsync()).Single(a => a.Name == "heartbeat").Status, "nothing was disabled");

        // The token's hash in the session cookie, never the token; the login form sets it HttpOnly and SameSite=Strict.
        using (var browserLike = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.Address })
        {
            using var login = await browserLike.PostAsync("login", new FormUrlEncodedContent([new("token", host.Token)]));
            Assert.AreEqual(HttpStatusCode.Redirect, login.StatusCode);
            var cookie = login.Headers.GetValues("Set-Cookie").Single();
            StringAssert.Contains(cookie, "httponly");
            StringAssert.Contains(cookie, "samesite=strict");
            Assert.IsFalse(cookie.Contains(host.Token, StringComparison.Ordinal));
            using var page = new HttpRequestMessage(HttpMethod.Get, "/");
            page.Headers.Add("Cookie", cookie.Split(';')[0]);
            using var pageResponse = await browserLike.SendAsync(page);
            Assert.AreEqual(HttpStatusCode.OK, pageResponse.StatusCode);
            Assert.IsFalse((await pageResponse.Content.ReadAsStringAsync()).Contains(host.Token, StringComparison.Ordinal));
        }

        // Only the one notice that hands out the generated token carries it; the page's log never does.
        Assert.AreEqual(1, host.Output.Count(host.Token), host.Output.Text);
        using var session = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = host.Address };
        await session.PostAsync("login", new FormUrlEncodedContent([new("token", host.Token)]));
        var logs = await session.GetStringAsync("api/logs?level=trace");
        StringAssert.Contains(logs, "Status page: http");
        Assert.IsFalse(logs.Contains(host.Token, StringComparison.Ordinal), "the live log redacts the token");

        using var wrong = new HttpClient { BaseAddress = host.Address };
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-token-0000000000");
        for (var i = 0; i < 5; i++)
        {
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await wrong.GetAsync("api/apps")).StatusCode);
        }

        using var limited = await wrong.GetAsync("api/apps");
        Assert.AreEqual(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.IsNotNull(limited.Headers.RetryAfter);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, (await host.Client.GetAsync("api/apps")).StatusCode, "while limited, the right token is not tried either");
        Assert.AreEqual(HttpStatusCode.OK, (await session.GetAsync("api/apps")).StatusCode, "a session that logged in before keeps working");
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task The_live_log_streams_an_apps_new_lines_at_the_chosen_level()
    {
        using var workspace = new SampleWorkspace();
        await using var host = await AdminHost.StartAsync(workspace);
        using var timeout = new CancellationTokenSource(AdminHost.Patience);
        var lines = SseStream.ReadAsync(host.Client, "api/logs/stream?app=motion_counter&level=information", timeout.Token).GetAsyncEnumerator(timeout.Token);

        // The kept lines come first (the app's start-up line), then new ones as they are logged.
        await ReadUntilAsync(lines, "Counting motion of");
        using var motion = new HttpClient { BaseAddress = host.SimulatorAddress };
        motion.DefaultRequestHeaders.Authorization = new("Bearer", "sim-token");
        (await motion.PostAsync("api/states/binary_sensor.hallway_motion", new StringContent("{\"state\":\"on\"}"))).EnsureSuccessStatusCode();
        var line = await ReadUntilAsync(lines, "Motion at binary_sensor.hallway_motion");
        Assert.AreEqual("information", line.GetProperty("level").GetString());

        await lines.DisposeAsync();
        Assert.AreEqual(HttpStatusCode.BadRequest, (await host.Client.GetAsync("api/logs?level=loud")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await host.Client.GetAsync("api/logs?app=nobody")).StatusCode);
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Retrying_a_failed_plugin_checks_its_unchanged_folder_again()
    {
        using var workspace = new SampleWorkspace();

        // A plugin whose main assembly has no IAppRegistrar: it fails to load, and its unchanged content is not retried by itself.
        Directory.CreateDirectory(Path.Combine(workspace.Root, "plugins", "Broken"));
        File.Copy(Path.Combine(workspace.Root, "plugins", "MotionLights", "Helpers.dll"), Path.Combine(workspace.Root, "plugins", "Broken", "Broken.dll"));
        await using var host = await AdminHost.StartAsync(workspace);
        await host.WaitForStatusAsync(s => FailedAttempts(s) == 1, "one failed attempt of Broken");
        using var plugins = JsonDocument.Parse(await host.Client.GetStringAsync("api/plugins"));
        var broken = plugins.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Broken");
        Assert.AreEqual(JsonValueKind.Null, broken.GetProperty("loaded_version").ValueKind);
        StringAssert.Contains(broken.GetProperty("last_failure").GetString(), "IAppRegistrar");

        using var retry = await host.Client.PostAsync("api/plugins/Broken/retry", null);
        Assert.AreEqual(HttpStatusCode.Accepted, retry.StatusCode, await retry.Content.ReadAsStringAsync());
        await host.WaitForStatusAsync(s => FailedAttempts(s) == 2, "a second failed attempt of Broken after the retry");
        Assert.AreEqual(5, (await host.AppsAsync()).Count(a => a.Status == "running"), "the other plugins are untouched");
        Assert.AreEqual(HttpStatusCode.NotFound, (await host.Client.PostAsync("api/plugins/NoSuchPlugin/retry", null)).StatusCode);

        static int FailedAttempts(JsonElement status) => status.GetProperty("plugins").EnumerateArray()
            .Where(p => p.GetProperty("name").GetString() == "Broken")
            .SelectMany(p => p.GetProperty("history").EnumerateArray())
            .Count(h => h.GetProperty("outcome").GetString() == "load_failed");
    }

    /// <summary>Reads the app's stream up to a line containing <paramref name="text"/>; every line must be motion_counter's.</summary>
    private static async Task<JsonElement> ReadUntilAsync(IAsyncEnumerator<(string Event, string Data)> lines, string text)
    {
        while (await lines.MoveNextAsync())
        {
            var line = JsonDocument.Parse(lines.Current.Data).RootElement;
            var about = line.GetProperty("app").GetString() ?? line.GetProperty("category").GetString();
            Assert.IsTrue(about is "motion_counter" or "MotionCounterApp.motion_counter", "only motion_counter's lines: " + lines.Current.Data);
            if (line.GetProperty("message").GetString()!.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new AssertFailedException($"The stream ended before a line containing '{text}'.");
    }
}
