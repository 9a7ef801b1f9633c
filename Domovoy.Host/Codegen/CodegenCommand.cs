using System.CommandLine;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.HomeAssistant.Snapshot;
using Domovoy.Host.Cli;
using Domovoy.Host.Configuration;
using Domovoy.Host.Hosting;
using Domovoy.Simulator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Domovoy.Host.Codegen;

/// <summary>
/// <c>domovoy codegen</c>: writes <c>hass.snapshot.json</c> (docs/hass-snapshot.md) from a live Home Assistant into an
/// app project, or with <c>--check</c> reports how the committed snapshot differs from the live instance.
/// </summary>
internal static class CodegenCommand
{
    /// <summary>Builds the command; <paramref name="config"/> is the root's recursive <c>--config</c> option.</summary>
    public static Command Create(Option<FileInfo?> config)
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = $"The app project folder (the snapshot goes to <folder>/{HassSnapshot.FileName}) or the snapshot file path. Default: the current folder.",
            DefaultValueFactory = _ => ".",
        };
        var url = new Option<Uri?>("--url")
        {
            Description = "Home Assistant's URL (e.g. http://homeassistant.local:8123); overrides config.yml's hass.url. Needs --token-env or --token-file.",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ws" or "wss")
                {
                    return uri;
                }

                result.AddError($"--url '{text}' is not an absolute http(s) or ws(s) URL, e.g. http://homeassistant.local:8123");
                return null;
            },
        };
        var tokenEnv = new Option<string?>("--token-env") { Description = "The environment variable holding a long-lived access token (with --url)." };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "A file holding a long-lived access token (with --url)." };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 5 and list what was added, removed, renamed or changed when the snapshot is out of date (for CI)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for Home Assistant.", DefaultValueFactory = _ => 30 };

        var command = new Command("codegen", $"Snapshot the entities, services, areas and labels of your Home Assistant into {HassSnapshot.FileName}, from which the build generates typed entities and services.")
        {
            output, url, tokenEnv, tokenFile, check, timeout,
        };
        command.SetAction((parse, ct) => RunAsync(
            new CodegenRequest(parse.GetValue(config), parse.GetValue(output)!, parse.GetValue(url), parse.GetValue(tokenEnv), parse.GetValue(tokenFile), parse.GetValue(check), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout)))),
            Console.Out,
            Console.Error,
            ct));
        return command;
    }

    /// <summary>Runs the command; returns an <see cref="ExitCodes"/> value.</summary>
    public static async Task<int> RunAsync(CodegenRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var target = Directory.Exists(request.Output) || !request.Output.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? Path.GetFullPath(Path.Combine(request.Output, HassSnapshot.FileName))
            : Path.GetFullPath(request.Output);

        HassSnapshot snapshot;
        try
        {
            snapshot = await CollectAsync(request, output, cancellationToken).ConfigureAwait(false);
        }
        catch (HostConfigException ex)
        {
            await error.WriteLineAsync($"Invalid configuration: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidConfiguration;
        }
        catch (Exception ex) when (ex is InvalidDataException or YamlDotNet.Core.YamlException or System.Text.Json.JsonException)
        {
            await error.WriteLineAsync($"The embedded simulator's entities file (simulator.entities in config.yml) is invalid: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidConfiguration;
        }
        catch (HassAuthenticationException ex)
        {
            await error.WriteLineAsync($"Home Assistant rejected the access token: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.AuthenticationFailed;
        }
        catch (TimeoutException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.HomeAssistantUnavailable;
        }

        var text = HassSnapshotJson.Write(snapshot);
        if (request.Check)
        {
            return await CheckAsync(target, snapshot, output, error, cancellationToken).ConfigureAwait(false);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".tmp";
        await File.WriteAllTextAsync(temporary, text, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, target, overwrite: true);
        await output.WriteLineAsync($"Wrote {target}: {snapshot.Entities.Count} entities, {snapshot.Services.Count} services, {snapshot.Areas.Count} areas, {snapshot.Labels.Count} labels (Home Assistant {snapshot.HomeAssistantVersion}). Rebuild the app to regenerate its typed entities and services.").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<int> CheckAsync(string target, HassSnapshot live, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!File.Exists(target))
        {
            await error.WriteLineAsync($"{target} does not exist; create it with: domovoy codegen -o {Path.GetDirectoryName(target)}").ConfigureAwait(false);
            return ExitCodes.ChecksFailed;
        }

        HassSnapshot committed;
        try
        {
            committed = HassSnapshotJson.Read(await File.ReadAllTextAsync(target, cancellationToken).ConfigureAwait(false));
        }
        catch (FormatException ex)
        {
            await error.WriteLineAsync($"{target}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.ChecksFailed;
        }

        var differences = HassSnapshotComparer.Compare(committed, live);
        if (differences.Count == 0)
        {
            await output.WriteLineAsync($"{target} is up to date ({live.Entities.Count} entities, {live.Services.Count} services).").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await error.WriteLineAsync($"{target} is out of date ({differences.Count} differences); run 'domovoy codegen' and rebuild:").ConfigureAwait(false);
        foreach (var line in differences)
        {
            await error.WriteLineAsync("  " + line).ConfigureAwait(false);
        }

        return ExitCodes.ChecksFailed;
    }

    private static async Task<HassSnapshot> CollectAsync(CodegenRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        var configPath = ConfigFileArgument.Resolve(request.Config);
        var config = configPath is null ? null : HostConfigLoader.Load(configPath);
        if (request.Url is not null || config?.HassUrl is not null)
        {
            var options = request.Url is not null
                ? new HassClientOptions { Uri = request.Url, AccessToken = ReadToken(request), TokenSource = request.TokenEnv is not null ? $"--token-env {request.TokenEnv}" : $"--token-file {request.TokenFile}" }
                : new HassClientOptions { Uri = config!.HassUrl, AccessToken = config.HassToken ?? string.Empty, TokenSource = config.HassTokenSource };
            await output.WriteLineAsync($"Reading Home Assistant at {options.Uri} …").ConfigureAwait(false);
            return await HassSnapshotCollector.CollectAsync(options, NullLogger.Instance, request.Timeout, cancellationToken).ConfigureAwait(false);
        }

        // No Home Assistant configured: the embedded simulator's home (config.yml's simulator.entities, else its demo home).
        var simulatorOptions = new SimulatorOptions { Port = 0, EntitiesFile = config?.SimulatorEntitiesFile, ConfigureLogging = l => l.SetMinimumLevel(LogLevel.Warning) };
        await using var simulator = await HomeAssistantSimulator.StartAsync(simulatorOptions, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"No Home Assistant configured: reading the embedded simulator's {(simulatorOptions.EntitiesFile is null ? "demo home" : "home from " + simulatorOptions.EntitiesFile)} …").ConfigureAwait(false);
        var simulated = new HassClientOptions { Uri = simulator.WebSocketUri, AccessToken = simulator.AccessToken, TokenSource = "the embedded simulator" };
        return await HassSnapshotCollector.CollectAsync(simulated, NullLogger.Instance, request.Timeout, cancellationToken).ConfigureAwait(false);
    }

    private static string ReadToken(CodegenRequest request)
    {
        if ((request.TokenEnv is null) == (request.TokenFile is null))
        {
            throw new HostConfigException("--url needs exactly one of --token-env <VARIABLE> or --token-file <path> for a long-lived access token.");
        }

        if (request.TokenEnv is not null)
        {
            return Environment.GetEnvironmentVariable(request.TokenEnv) is { Length: > 0 } value
                ? value
                : throw new HostConfigException($"--token-env names environment variable '{request.TokenEnv}', which is not set. Export it with a long-lived access token.");
        }

        return request.TokenFile!.Exists
            ? File.ReadAllText(request.TokenFile.FullName).Trim()
            : throw new HostConfigException($"--token-file '{request.TokenFile.FullName}' does not exist.");
    }
}
