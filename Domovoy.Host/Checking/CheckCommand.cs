using System.CommandLine;
using Domovoy.Core.Plugins.Checking;
using Domovoy.Host.Cli;
using Domovoy.Host.Configuration;
using Domovoy.Host.Hosting;

namespace Domovoy.Host.Checking;

/// <summary>
/// <c>domovoy check</c>: validates config.yml and loads every plugin in a throwaway context without starting apps
/// (registrations, configs, missing dependencies, Abstractions version, duplicate app names). Exit 0 when all is well,
/// 2 for an invalid config.yml, 5 when a plugin has a problem: usable in CI before deploying.
/// </summary>
internal static class CheckCommand
{
    /// <summary>Builds the command; <paramref name="config"/> is the root's recursive <c>--config</c> option.</summary>
    public static Command Create(Option<FileInfo?> config)
    {
        var plugins = new Option<DirectoryInfo?>("--plugins") { Description = "The plugins folder to check (default: config.yml's plugins)." };
        var command = new Command("check", "Validate config.yml and load every plugin without starting apps; non-zero on any problem.") { plugins };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(config), parse.GetValue(plugins), Console.Out, Console.Error, ct));
        return command;
    }

    /// <summary>Runs the check; returns an <see cref="ExitCodes"/> value.</summary>
    public static async Task<int> RunAsync(FileInfo? configFile, DirectoryInfo? pluginsOverride, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
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

        IReadOnlyList<PluginCheckResult> results;
        try
        {
            results = await PluginChecker.CheckAllAsync(pluginsPath, cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryNotFoundException ex)
        {
            await error.WriteLineAsync($"error  {ex.Message}").ConfigureAwait(false);
            return ExitCodes.ChecksFailed;
        }

        var failed = 0;
        foreach (var result in results)
        {
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

        await output.WriteLineAsync($"{results.Count} plugins checked in {pluginsPath}: {results.Count - failed} ok, {failed} with problems.").ConfigureAwait(false);
        return failed == 0 ? ExitCodes.Success : ExitCodes.ChecksFailed;
    }
}
