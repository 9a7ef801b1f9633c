using System.Net;
using Domovoy.Host.Admin.Security;
using Domovoy.Host.Admin.Status;
using Microsoft.Extensions.Time.Testing;

namespace Domovoy.Host.Tests;

/// <summary>Pure units of the status page's security: the failed-login limit, the token and secret redaction.</summary>
[TestClass]
public sealed class AdminSecurityTests
{
    [TestMethod]
    public void Five_failed_logins_per_minute_then_the_address_waits_until_the_oldest_expires()
    {
        var time = new FakeTimeProvider();
        var throttle = new LoginThrottle(time);
        var attacker = IPAddress.Parse("192.0.2.7");
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            Assert.IsNull(throttle.RetryAfter(attacker));
            throttle.RecordFailure(attacker);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.AreEqual(TimeSpan.FromSeconds(55), throttle.RetryAfter(attacker));
        Assert.IsNull(throttle.RetryAfter(IPAddress.Parse("192.0.2.8")), "other addresses are not affected");
        time.Advance(TimeSpan.FromSeconds(55));
        Assert.IsNull(throttle.RetryAfter(attacker), "the oldest failure left the window");
    }

    [TestMethod]
    public void A_generated_token_is_long_and_random_and_the_session_value_does_not_reveal_it()
    {
        var first = AdminToken.From(null);
        var second = AdminToken.From(null);
        Assert.IsTrue(first.IsGenerated);
        Assert.AreEqual(64, first.Value.Length);
        Assert.AreNotEqual(first.Value, second.Value);
        Assert.IsTrue(first.Matches(first.Value));
        Assert.IsFalse(first.Matches(second.Value));
        Assert.IsFalse(first.Matches(null));
        Assert.IsFalse(first.SessionValue.Contains(first.Value, StringComparison.Ordinal));
        Assert.IsTrue(first.MatchesSession(first.SessionValue));
        Assert.IsFalse(first.MatchesSession(second.SessionValue));
    }

    [TestMethod]
    public void Secrets_in_an_apps_config_are_redacted_everything_else_is_shown()
    {
        var json = ConfigRedactor.ToJson(new SampleConfig())!.ToJsonString();
        StringAssert.Contains(json, "\"Room\":\"kitchen\"");
        StringAssert.Contains(json, "\"Delay\":\"00:00:30\"");
        StringAssert.Contains(json, "\"Levels\":[1,2]");
        StringAssert.Contains(json, "\"ApiKey\":\"***\"");
        StringAssert.Contains(json, "\"Password\":\"***\"");
        StringAssert.Contains(json, "\"refresh_token\":\"***\"");
        Assert.IsFalse(json.Contains("hunter2", StringComparison.Ordinal), json);
        Assert.IsFalse(json.Contains("abc-key", StringComparison.Ordinal), json);
        Assert.IsFalse(json.Contains("r-123", StringComparison.Ordinal), json);
    }

    private sealed class SampleConfig
    {
        public string Room { get; init; } = "kitchen";

        public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(30);

        public int[] Levels { get; init; } = [1, 2];

        public string ApiKey { get; init; } = "abc-key";

        public Nested Account { get; init; } = new();

        public Dictionary<string, string> Extra { get; init; } = new() { ["refresh_token"] = "r-123" };
    }

    private sealed class Nested
    {
        public string Password { get; init; } = "hunter2";
    }
}
