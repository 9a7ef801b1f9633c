using Domovoy.Host.Configuration;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Tests.Host;

[TestClass]
public sealed class HostConfigLoaderTests
{
    private string _dir = null!;

    [TestInitialize]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "domovoy-config-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public void Full_config_is_read_and_relative_paths_resolve_against_the_file()
    {
        Environment.SetEnvironmentVariable("DOMOVOY_TEST_TOKEN", "secret-token");
        var config = HostConfigLoader.Load(Write("""
            plugins: ./my-plugins
            timezone: Europe/Berlin
            log_level: debug
            reload_debounce_ms: 150
            finalize_timeout_s: 4
            misfire_grace_s: 300
            location:
              latitude: 52.52
              longitude: 13.405
            hass:
              url: ws://homeassistant.local:8123
              token_env: DOMOVOY_TEST_TOKEN
            """));
        Assert.AreEqual(Path.Combine(_dir, "my-plugins"), config.PluginsPath);
        Assert.AreEqual("Europe/Berlin", config.TimeZone.Id);
        Assert.AreEqual(LogLevel.Debug, config.LogLevel);
        Assert.AreEqual(TimeSpan.FromMilliseconds(150), config.ReloadDebounce);
        Assert.AreEqual(TimeSpan.FromSeconds(4), config.FinalizeTimeout);
        Assert.AreEqual(TimeSpan.FromSeconds(300), config.MisfireGrace);
        Assert.AreEqual(52.52, config.Latitude);
        Assert.AreEqual(new Uri("ws://homeassistant.local:8123"), config.HassUrl);
        Assert.AreEqual("secret-token", config.HassToken);
        Assert.AreEqual("token_env DOMOVOY_TEST_TOKEN", config.HassTokenSource);
    }

    [TestMethod]
    public void The_token_source_names_the_key_used_for_error_messages()
    {
        File.WriteAllText(Path.Combine(_dir, "ha.token"), "file-token\n");
        var fromFile = HostConfigLoader.Load(Write("plugins: p\nhass:\n  url: ws://x:8123\n  token_file: ha.token\n"));
        Assert.AreEqual("file-token", fromFile.HassToken);
        Assert.AreEqual($"token_file {Path.Combine(_dir, "ha.token")}", fromFile.HassTokenSource);

        var literal = HostConfigLoader.Load(Write("plugins: p\nhass:\n  url: ws://x:8123\n  token: abc\n"));
        Assert.AreEqual("hass.token", literal.HassTokenSource);
    }

    [TestMethod]
    public void Without_hass_url_the_embedded_simulator_is_used()
    {
        var config = HostConfigLoader.Load(Write("plugins: plugins\n"));
        Assert.IsNull(config.HassUrl);
        Assert.AreEqual(8123, config.SimulatorPort);
        Assert.AreEqual(TimeSpan.FromSeconds(60), config.MisfireGrace, "the misfire grace defaults to 60 s");
    }

    [TestMethod]
    public void Missing_file_names_the_file_and_the_expected_usage()
    {
        var ex = Assert.ThrowsExactly<HostConfigException>(() => HostConfigLoader.Load(Path.Combine(_dir, "nope.yml")));
        StringAssert.Contains(ex.Message, "nope.yml");
        StringAssert.Contains(ex.Message, "--config");
    }

    [TestMethod]
    public void Malformed_yaml_names_the_file_and_line()
    {
        var path = Write("plugins: plugins\ntimezone: [unclosed\n");
        var ex = Assert.ThrowsExactly<HostConfigException>(() => HostConfigLoader.Load(path));
        StringAssert.Contains(ex.Message, path);
        StringAssert.Contains(ex.Message, "malformed YAML");
        StringAssert.Matches(ex.Message, new System.Text.RegularExpressions.Regex("line [23]"));
    }

    [TestMethod]
    [DataRow("plugins: p\ntimezone: Mars/Olympus\n", "timezone", "line 2", "IANA")]
    [DataRow("plugins: p\nlog_level: loud\n", "log_level", "line 2", "one of trace")]
    [DataRow("plugins: p\nreload_debounce_ms: -5\n", "reload_debounce_ms", "line 2", "milliseconds")]
    [DataRow("plugins: p\nmisfire_grace_s: 0\n", "misfire_grace_s", "line 2", "between 1 and 86400")]
    [DataRow("plugins: p\nplugin_dir: x\n", "unknown key 'plugin_dir'", "line 2", "Known keys")]
    [DataRow("timezone: UTC\n", "required key 'plugins'", "config.yml", "folder path")]
    [DataRow("plugins: p\nhass:\n  url: ftp://x\n", "hass.url", "line 3", "ws://")]
    [DataRow("plugins: p\nhass:\n  url: ws://x:8123\n", "exactly one of", "hass.token", "token_env")]
    [DataRow("plugins: p\nhass:\n  url: ws://x:8123\n  token_env: DOMOVOY_SURELY_UNSET\n", "DOMOVOY_SURELY_UNSET", "not set", "hass.token_env")]
    public void Invalid_values_name_the_key_line_and_expected_form(string yaml, string part1, string part2, string part3)
    {
        var ex = Assert.ThrowsExactly<HostConfigException>(() => HostConfigLoader.Load(Write(yaml)));
        StringAssert.Contains(ex.Message, part1);
        StringAssert.Contains(ex.Message, part2);
        StringAssert.Contains(ex.Message, part3);
    }

    [TestMethod]
    public void The_token_never_appears_in_errors()
    {
        var ex = Assert.ThrowsExactly<HostConfigException>(() => HostConfigLoader.Load(Write("plugins: p\nhass:\n  url: ws://x:8123\n  token: super-secret-value\n  token_env: ALSO\n")));
        Assert.IsFalse(ex.Message.Contains("super-secret-value", StringComparison.Ordinal));
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, "config.yml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
