using System.CommandLine;
using Domovoy.Core.HomeAssistant.Snapshot;
using Domovoy.Core.Plugins.Checking;
using Domovoy.Host.Cli;
using Domovoy.Host.Configuration;
using Domovoy.Host.Hosting;

namespace Domovoy.Host.Checking;

/// <summary>
/// <c>domovoy check</c>: validates config.yml and loads every plugin in a throwaway context without starting apps
/// (registrations, configs, missing dependencies, Abstractions version, duplicate app names) and, given a
/// hass.snapshot.json, checks the entity ids in every app's config against it. Exit 0 when all is well, 2 for an invalid
/// config.yml or snapshot, 5 when a plugin has a problem (or, with <c>--strict</c>, a warning): usable in CI before deploying.
/// </summary>
internal static class CheckCommand
{
    /// <summary>Builds the command; <paramref name="config"/> is the root's recursive <c>--config</c> option.</summary>
    public static Command Create(Option<FileInfo?> config)
    {
        var plugins = new Option<DirectoryInfo?>("--plugins") { Description = "The plugins folder to check (default: config.yml's plugins)." };
        var snapshot = new Option<FileInfo?>("--snapshot")
        {
            Description = $"A {HassSnapshot.FileName} to check the apps' config entity ids against (default: the one next to config.yml, if any).",
        };
        var strict = new Option<bool>("--strict") { Description = "Fail (exit 5) on warnings too, e.g. a config entity id the snapshot does not have." };
        var command = new Command("check", "Validate config.yml and load every plugin without starting apps; non-zero on any problem.") { plugins, snapshot, strict };
        command.SetAction((parse, ct) => RunAsync(new CheckRequest(parse.GetValue(config), parse.GetValue(plugins), parse.GetValue(snapshot), parse.GetValue(strict)), Console.Out, Console.Error, ct));
        return command;
    }

    /// <summary>Runs the check; returns an <see cref="ExitCodes"/> value.</summary>
    public static async Task<int> RunAsync(CheckRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (configFile, pluginsOverride, snapshotFile, strict) = request;
        string pluginsPath;
        var configPath = ConfigFileArgument.Resolve(configFile);
        if (configPath is not null)
        {
            try
            {
                var config = HostConfigLoader.Load(configPath);
                await output.WriteLineAsync($"ok     {configPath}").ConfigureAwait(false);
                pluginsPath = pluginsOverride?.FullName ?? config.PluginsPath;
            }
            catch (HostConfigException ex)
            {
                await error.WriteLineAsync($"error  Invalid configuration: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.InvalidConfiguration;
            }
        }
        else if (pluginsOverride is not null)
        {
            pluginsPath = pluginsOverride.FullName;
        }
        else
        {
            await error.WriteLineAsync("Nothing to check: pass --config <config.yml> and/or --plugins <folder>.").ConfigureAwait(false);
            return ExitCodes.InvalidConfiguration;
        }

        var snapshotPath = snapshotFile?.FullName ?? (configPath is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, HassSnapshot.FileName));
        (IReadOnlyCollection<string> Ids, string Source)? entityIds = null;
        if (snapshotPath is not null && (snapshotFile is not null || File.Exists(snapshotPath)))
        {
            try
            {
                // A set, read once: every plugin's check looks ids up in it.
                var ids = HassSnapshotJson.Read(await File.ReadAllTextAsync(snapshotPath, cancellationToken).ConfigureAwait(false)).Entities.Select(e => e.EntityId).ToHashSet(StringComparer.Ordinal);
                entityIds = (ids, snapshotPath);
                await output.WriteLineAsync($"ok     {snapshotPath}: {ids.Count} entities").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                await error.WriteLineAsync($"error  {snapshotPath}: {ex.Message} (write it with `domovoy codegen -o <app project>`).").ConfigureAwait(false);
                return ExitCodes.InvalidConfiguration;
            }
        }

        IReadOnlyList<PluginCheckResult> results;
        try
        {
            results = await PluginChecker.CheckAllAsync(pluginsPath, entityIds, cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryNotFoundException ex)
        {
            await error.WriteLineAsync($"error  {ex.Message}").ConfigureAwait(false);
            return ExitCodes.ChecksFailed;
        }

        var failed = 0;
        var warnings = 0;
        foreach (var result in results)
        {
            foreach (var warning in result.Warnings)
            {
                await output.WriteLineAsync($"warn   plugin {result.PluginName}: {warning}").ConfigureAwait(false);
            }

            warnings += result.Warnings.Count;
            if (result.Problems.Count == 0)
            {
                await output.WriteLineAsync($"ok     plugin {result.PluginName}: {string.Join(", ", result.Apps)}").ConfigureAwait(false);
                continue;
            }

            failed++;
            foreach (var problem in result.Problems)
            {
                await error.WriteLineAsync($"error  plugin {result.PluginName}: {problem}").ConfigureAwait(false);
            }
        }

        await output.WriteLineAsync($"{results.Count} plugins checked in {pluginsPath}: {results.Count - failed} ok, {failed} with problems, {warnings} {(warnings == 1 ? "warning" : "warnings")}{(strict && warnings > 0 ? " (--strict: failing)" : string.Empty)}.").ConfigureAwait(false);
        return failed > 0 || (strict && warnings > 0) ? ExitCodes.ChecksFailed : ExitCodes.Success;
    }
}
