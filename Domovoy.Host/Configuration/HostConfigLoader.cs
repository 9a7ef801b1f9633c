using System.Globalization;
using System.Net;
using Domovoy.Host.Admin.State;
using Microsoft.Extensions.Logging;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Domovoy.Host.Configuration;

/// <summary>
/// Reads config.yml. Every error names the file, the key and its line, and the expected form; unknown keys are errors
/// too, so a typo never silently falls back to a default. Relative paths resolve against the config file's folder.
/// </summary>
internal static class HostConfigLoader
{
    private static readonly string[] TopLevelKeys = ["plugins", "timezone", "log_level", "reload_debounce_ms", "finalize_timeout_s", "misfire_grace_s", "location", "hass", "simulator", "admin", "dev"];
    private static readonly string[] LocationKeys = ["latitude", "longitude", "elevation"];
    private static readonly string[] SimulatorKeys = ["port", "entities"];
    private static readonly string[] DevKeys = ["projects", "debounce_ms"];
    private static readonly string[] HassKeys = ["url", "token", "token_env", "token_file"];
    private static readonly string[] AdminKeys = ["enabled", "bind", "port", "token_env", "token_file"];

    public static HostConfig Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new HostConfigException($"Config file '{fullPath}' does not exist. Pass an existing file with --config <config.yml> (see samples/config.yml).");
        }

        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(fullPath);
            stream.Load(reader);
            root = stream.Documents.Count == 0 ? new YamlMappingNode() : stream.Documents[0].RootNode as YamlMappingNode
                ?? throw new HostConfigException($"{fullPath}: the document must be a mapping of keys (plugins:, timezone:, …), not a list or a scalar.");
        }
        catch (YamlException ex)
        {
            throw new HostConfigException($"{fullPath} line {ex.Start.Line}, column {ex.Start.Column}: malformed YAML: {ex.InnerException?.Message ?? ex.Message}");
        }

        var directory = Path.GetDirectoryName(fullPath)!;
        var file = new ConfigFile(fullPath, root);
        file.RejectUnknown(root, TopLevelKeys, string.Empty);

        var pluginsText = file.Scalar(root, "plugins", "plugins", required: true, "a folder path, e.g. 'plugins: ./plugins'")!;
        var config = new HostConfig
        {
            PluginsPath = Path.GetFullPath(Path.Combine(directory, pluginsText)),
            StateFilePath = Path.Combine(directory, "domovoy.state.json"),
            DisabledApps = AppStateFile.LoadDisabledApps(Path.Combine(directory, "domovoy.state.json")),
            TimeZone = file.Parse(root, "timezone", "timezone", "an IANA time zone id such as 'Europe/Berlin'", TimeZoneInfo.FindSystemTimeZoneById) ?? TimeZoneInfo.Utc,
            LogLevel = file.ParseValue(root, "log_level", "log_level", "one of trace, debug, information, warning, error", ParseLogLevel) ?? LogLevel.Information,
            ReloadDebounce = TimeSpan.FromMilliseconds(file.ParseValue(root, "reload_debounce_ms", "reload_debounce_ms", "a whole number of milliseconds between 0 and 60000, e.g. 300", t => ParseRange(t, 0, 60_000)) ?? 300),
            FinalizeTimeout = TimeSpan.FromSeconds(file.ParseValue(root, "finalize_timeout_s", "finalize_timeout_s", "a whole number of seconds between 1 and 600, e.g. 10", t => ParseRange(t, 1, 600)) ?? 10),
            MisfireGrace = TimeSpan.FromSeconds(file.ParseValue(root, "misfire_grace_s", "misfire_grace_s", "a whole number of seconds between 1 and 86400, e.g. 60", t => ParseRange(t, 1, 86_400)) ?? 60),
        };

        if (file.Mapping(root, "location", "a mapping with 'latitude', 'longitude' and optionally 'elevation'") is { } location)
        {
            file.RejectUnknown(location, LocationKeys, "location.");
            config = config with
            {
                Latitude = file.ParseValue(location, "latitude", "location.latitude", "degrees north between -90 and 90, e.g. 52.52", t => ParseDouble(t, -90, 90))
                    ?? throw new HostConfigException($"{fullPath}: 'location.latitude' is required when 'location' is given."),
                Longitude = file.ParseValue(location, "longitude", "location.longitude", "degrees east between -180 and 180, e.g. 13.405", t => ParseDouble(t, -180, 180))
                    ?? throw new HostConfigException($"{fullPath}: 'location.longitude' is required when 'location' is given."),
                Elevation = file.ParseValue(location, "elevation", "location.elevation", "metres above sea level, e.g. 34", t => ParseDouble(t, -500, 9000)),
            };
        }

        if (file.Mapping(root, "simulator", "a mapping with 'port' and/or 'entities'") is { } simulator)
        {
            file.RejectUnknown(simulator, SimulatorKeys, "simulator.");
            var entities = file.Scalar(simulator, "entities", "simulator.entities", required: false, "a YAML or JSON file of entities");
            config = config with
            {
                SimulatorPort = file.ParseValue(simulator, "port", "simulator.port", "a TCP port between 0 and 65535 (0 picks a free one)", t => ParseRange(t, 0, 65535)) ?? 8123,
                SimulatorEntitiesFile = string.IsNullOrWhiteSpace(entities) ? null : Path.GetFullPath(Path.Combine(directory, entities)),
            };
        }

        if (file.Mapping(root, "dev", "a mapping with 'projects' (app projects or folders of them, for domovoy watch) and optionally 'debounce_ms'") is { } dev)
        {
            file.RejectUnknown(dev, DevKeys, "dev.");
            config = config with
            {
                DevProjects = file.Sequence(dev, "projects", "dev.projects", "a list of app projects (.csproj) or folders of them, e.g. 'projects: [./MotionLights]'")
                    .Select(p => Path.GetFullPath(Path.Combine(directory, p))).ToArray(),
                DevDebounce = TimeSpan.FromMilliseconds(file.ParseValue(dev, "debounce_ms", "dev.debounce_ms", "a whole number of milliseconds between 0 and 5000, e.g. 30", t => ParseRange(t, 0, 5000)) ?? 30),
            };
        }

        if (root.Children.TryGetValue(new YamlScalarNode("hass"), out var hassNode) && hassNode is not YamlScalarNode { Value: null or "" })
        {
            if (hassNode is not YamlMappingNode hass)
            {
                throw new HostConfigException($"{fullPath} line {hassNode.Start.Line}: key 'hass' must be a mapping with 'url' and 'token' (or 'token_env' / 'token_file').");
            }

            file.RejectUnknown(hass, HassKeys, "hass.");
            var url = file.Parse(hass, "url", "hass.url", "a URL such as 'ws://homeassistant.local:8123' or 'https://ha.example.com'", ParseHassUrl);
            if (url is not null)
            {
                var (token, source) = ReadToken(file, hass, directory);
                config = config with { HassUrl = url, HassToken = token, HassTokenSource = source };
            }
        }

        if (file.Mapping(root, "admin", "a mapping with 'enabled', 'bind', 'port' and 'token_env' or 'token_file'") is { } admin)
        {
            config = config with { Admin = ReadAdmin(file, admin, directory) };
        }

        return config;
    }

    private static AdminConfig ReadAdmin(ConfigFile file, YamlMappingNode admin, string directory)
    {
        file.RejectUnknown(admin, AdminKeys, "admin.");
        var envName = file.Scalar(admin, "token_env", "admin.token_env", required: false, "the name of an environment variable holding the status page's access token");
        var tokenFile = file.Scalar(admin, "token_file", "admin.token_file", required: false, "a path to a file holding the status page's access token");
        if (!string.IsNullOrEmpty(envName) && !string.IsNullOrEmpty(tokenFile))
        {
            throw new HostConfigException($"{file.Path}: give at most one of 'admin.token_env' or 'admin.token_file'.");
        }

        string? token = null;
        string? source = null;
        if (!string.IsNullOrEmpty(envName))
        {
            token = Environment.GetEnvironmentVariable(envName) is { Length: > 0 } value
                ? value.Trim()
                : throw new HostConfigException($"{file.Path}: 'admin.token_env' names environment variable '{envName}', which is not set. Export it with a long random token (e.g. openssl rand -hex 32).");
            source = $"token_env {envName}";
        }
        else if (!string.IsNullOrEmpty(tokenFile))
        {
            var tokenPath = Path.GetFullPath(Path.Combine(directory, tokenFile));
            token = File.Exists(tokenPath)
                ? File.ReadAllText(tokenPath).Trim()
                : throw new HostConfigException($"{file.Path}: 'admin.token_file' points to '{tokenPath}', which does not exist.");
            source = $"token_file {tokenPath}";
        }

        if (token is { Length: < 16 })
        {
            throw new HostConfigException($"{file.Path}: the status page token from {source} is shorter than 16 characters; use a long random one (e.g. openssl rand -hex 32).");
        }

        var config = new AdminConfig
        {
            Enabled = file.ParseValue(admin, "enabled", "admin.enabled", "true or false", ParseBool) ?? true,
            Bind = file.Parse(admin, "bind", "admin.bind", "an IP address such as 127.0.0.1, ::1 or 0.0.0.0 (all interfaces), or localhost", ParseBind) ?? IPAddress.Loopback,
            Port = file.ParseValue(admin, "port", "admin.port", "a TCP port between 0 and 65535 (0 picks a free one)", t => ParseRange(t, 0, 65535)) ?? AdminConfig.DefaultPort,
            Token = token,
            TokenSource = source,
        };
        if (config.Enabled && !config.IsLoopback && token is null)
        {
            var line = admin.Children[new YamlScalarNode("bind")].Start.Line;
            throw new HostConfigException($"{file.Path} line {line}: 'admin.bind' is {config.Bind}, which other machines can reach, but no access token is configured. Set 'admin.token_env' (recommended) or 'admin.token_file' to a long random token, or bind to 127.0.0.1.");
        }

        return config;
    }

    private static bool ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw new FormatException(),
    };

    private static IPAddress ParseBind(string text)
        => string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(text);

    /// <summary>The token and where it came from (<c>hass.token</c>, <c>token_env NAME</c>, <c>token_file PATH</c>).</summary>
    private static (string Token, string Source) ReadToken(ConfigFile file, YamlMappingNode hass, string directory)
    {
        var literal = file.Scalar(hass, "token", "hass.token", required: false, "the long-lived access token");
        var envName = file.Scalar(hass, "token_env", "hass.token_env", required: false, "the name of an environment variable holding the token");
        var tokenFile = file.Scalar(hass, "token_file", "hass.token_file", required: false, "a path to a file holding the token");
        var given = new[] { literal, envName, tokenFile }.Count(v => !string.IsNullOrEmpty(v));
        if (given != 1)
        {
            throw new HostConfigException($"{file.Path}: with 'hass.url' set, give exactly one of 'hass.token', 'hass.token_env' (recommended) or 'hass.token_file'.");
        }

        if (!string.IsNullOrEmpty(envName))
        {
            return Environment.GetEnvironmentVariable(envName) is { Length: > 0 } value
                ? (value, $"token_env {envName}")
                : throw new HostConfigException($"{file.Path}: 'hass.token_env' names environment variable '{envName}', which is not set. Export it with a long-lived access token.");
        }

        if (!string.IsNullOrEmpty(tokenFile))
        {
            var tokenPath = Path.GetFullPath(Path.Combine(directory, tokenFile));
            return File.Exists(tokenPath)
                ? (File.ReadAllText(tokenPath).Trim(), $"token_file {tokenPath}")
                : throw new HostConfigException($"{file.Path}: 'hass.token_file' points to '{tokenPath}', which does not exist.");
        }

        return (literal!, "hass.token");
    }

    private static LogLevel ParseLogLevel(string text) => text.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "information" or "info" => LogLevel.Information,
        "warning" or "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
        _ => throw new FormatException(),
    };

    private static int ParseRange(string text, int min, int max)
    {
        var value = int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        return value < min || value > max ? throw new FormatException() : value;
    }

    private static double ParseDouble(string text, double min, double max)
    {
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return value < min || value > max ? throw new FormatException() : value;
    }

    private static Uri ParseHassUrl(string text)
    {
        var uri = new Uri(text, UriKind.Absolute);
        return uri.Scheme is "ws" or "wss" or "http" or "https" ? uri : throw new FormatException();
    }

    private sealed record ConfigFile(string Path, YamlMappingNode Root)
    {
        public void RejectUnknown(YamlMappingNode node, string[] known, string prefix)
        {
            foreach (var key in node.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? key.ToString();
                if (!known.Contains(name, StringComparer.Ordinal))
                {
                    throw new HostConfigException($"{Path} line {key.Start.Line}: unknown key '{prefix}{name}'. Known keys: {string.Join(", ", known.Select(k => prefix + k))}.");
                }
            }
        }

        public YamlMappingNode? Mapping(YamlMappingNode node, string key, string expected)
        {
            if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value) || value is YamlScalarNode { Value: null or "" })
            {
                return null;
            }

            return value as YamlMappingNode ?? throw new HostConfigException($"{Path} line {value.Start.Line}: key '{key}' must be {expected}.");
        }

        /// <summary>A list of non-empty values (a single value counts as a list of one); empty when the key is absent.</summary>
        public IReadOnlyList<string> Sequence(YamlMappingNode node, string key, string displayKey, string expected)
        {
            if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value) || value is YamlScalarNode { Value: null or "" })
            {
                return [];
            }

            IEnumerable<YamlNode> items = value switch
            {
                YamlScalarNode scalar => [scalar],
                YamlSequenceNode sequence => sequence.Children,
                _ => throw new HostConfigException($"{Path} line {value.Start.Line}: key '{displayKey}' must be {expected}."),
            };
            return items.Select(item => item is YamlScalarNode { Value: { Length: > 0 } text } && !string.IsNullOrWhiteSpace(text)
                    ? text.Trim()
                    : throw new HostConfigException($"{Path} line {item.Start.Line}: every entry of '{displayKey}' must be a path; expected {expected}."))
                .ToArray();
        }

        public string? Scalar(YamlMappingNode node, string key, string displayKey, bool required, string expected)
        {
            if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value))
            {
                return required ? throw new HostConfigException($"{Path}: required key '{displayKey}' is missing; expected {expected}.") : null;
            }

            if (value is not YamlScalarNode scalar)
            {
                throw new HostConfigException($"{Path} line {value.Start.Line}: key '{displayKey}' must be a single value; expected {expected}.");
            }

            if (required && string.IsNullOrWhiteSpace(scalar.Value))
            {
                throw new HostConfigException($"{Path} line {value.Start.Line}: key '{displayKey}' is empty; expected {expected}.");
            }

            return scalar.Value;
        }

        public T? Parse<T>(YamlMappingNode node, string key, string displayKey, string expected, Func<string, T> parse)
            where T : class
            => TryParse(node, key, displayKey, expected, parse, out var value) ? value : null;

        public T? ParseValue<T>(YamlMappingNode node, string key, string displayKey, string expected, Func<string, T> parse)
            where T : struct
            => TryParse(node, key, displayKey, expected, parse, out var value) ? value : null;

        private bool TryParse<T>(YamlMappingNode node, string key, string displayKey, string expected, Func<string, T> parse, out T value)
        {
            var text = Scalar(node, key, displayKey, required: false, expected);
            if (string.IsNullOrWhiteSpace(text))
            {
                value = default!;
                return false;
            }

            try
            {
                value = parse(text.Trim());
                return true;
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or TimeZoneNotFoundException or InvalidTimeZoneException or UriFormatException)
            {
                var line = node.Children[new YamlScalarNode(key)].Start.Line;
                throw new HostConfigException($"{Path} line {line}: key '{displayKey}' has value '{text}', expected {expected}.");
            }
        }
    }
}
