using System.Net;
using Domovoy.Host.Configuration;

namespace Domovoy.Host.Tests;

/// <summary>The <c>admin:</c> section of config.yml and the state file next to it.</summary>
[TestClass]
public sealed class AdminConfigTests
{
    private string _dir = null!;

    [TestInitialize]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("domovoy-admin-config").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public void Defaults_serve_on_loopback_port_8091_with_a_generated_token()
    {
        var config = Load("plugins: ./plugins\n");
        Assert.IsTrue(config.Admin.Enabled);
        Assert.AreEqual(IPAddress.Loopback, config.Admin.Bind);
        Assert.AreEqual(8091, config.Admin.Port);
        Assert.IsNull(config.Admin.Token);
        Assert.AreEqual(Path.Combine(_dir, "domovoy.state.json"), config.StateFilePath);
        Assert.AreEqual(0, config.DisabledApps.Count);
    }

    [TestMethod]
    public void A_token_file_and_bind_address_are_read()
    {
        File.WriteAllText(Path.Combine(_dir, "admin.token"), "0123456789abcdef0123\n");
        var config = Load("plugins: ./plugins\nadmin:\n  bind: 0.0.0.0\n  port: 9000\n  token_file: admin.token\n");
        Assert.AreEqual(IPAddress.Any, config.Admin.Bind);
        Assert.AreEqual(9000, config.Admin.Port);
        Assert.AreEqual("0123456789abcdef0123", config.Admin.Token);
        StringAssert.Contains(config.Admin.TokenSource, "admin.token");
    }

    [TestMethod]
    public void Binding_beyond_loopback_without_a_token_is_an_error_naming_the_fix()
    {
        var ex = Assert.ThrowsExactly<HostConfigException>(() => Load("plugins: ./plugins\nadmin:\n  bind: 0.0.0.0\n"));
        StringAssert.Contains(ex.Message, "line 3");
        StringAssert.Contains(ex.Message, "admin.token_env");
        StringAssert.Contains(ex.Message, "127.0.0.1");
    }

    [TestMethod]
    [DataRow("admin:\n  colour: blue\n", "unknown key 'admin.colour'")]
    [DataRow("admin:\n  port: 70000\n", "admin.port")]
    [DataRow("admin:\n  enabled: maybe\n", "admin.enabled")]
    [DataRow("admin:\n  bind: my-laptop\n", "admin.bind")]
    [DataRow("admin:\n  token_env: DOMOVOY_TEST_UNSET_VARIABLE\n", "DOMOVOY_TEST_UNSET_VARIABLE")]
    [DataRow("admin:\n  token_file: missing.token\n", "missing.token")]
    public void Bad_admin_settings_are_errors_naming_the_key(string section, string expected)
    {
        var ex = Assert.ThrowsExactly<HostConfigException>(() => Load("plugins: ./plugins\n" + section));
        StringAssert.Contains(ex.Message, expected);
        StringAssert.Contains(ex.Message, Path.Combine(_dir, "config.yml"));
    }

    [TestMethod]
    public void A_short_token_is_refused()
    {
        File.WriteAllText(Path.Combine(_dir, "admin.token"), "secret");
        var ex = Assert.ThrowsExactly<HostConfigException>(() => Load("plugins: ./plugins\nadmin:\n  token_file: admin.token\n"));
        StringAssert.Contains(ex.Message, "shorter than 16 characters");
        Assert.IsFalse(ex.Message.Contains("secret", StringComparison.Ordinal) && !ex.Message.Contains("admin.token", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Disabled_apps_come_from_the_state_file_and_a_broken_one_is_an_error_naming_it()
    {
        var state = Path.Combine(_dir, "domovoy.state.json");
        File.WriteAllText(state, "{\"disabled_apps\": [\"heartbeat\"]}");
        CollectionAssert.AreEquivalent(new[] { "heartbeat" }, Load("plugins: ./plugins\n").DisabledApps.ToArray());

        File.WriteAllText(state, "{\"disabled_apps\": [");
        var ex = Assert.ThrowsExactly<HostConfigException>(() => Load("plugins: ./plugins\n"));
        StringAssert.Contains(ex.Message, state);
        StringAssert.Contains(ex.Message, "delete it");
    }

    private HostConfig Load(string yaml)
    {
        var path = Path.Combine(_dir, "config.yml");
        File.WriteAllText(path, yaml);
        return HostConfigLoader.Load(path);
    }
}
