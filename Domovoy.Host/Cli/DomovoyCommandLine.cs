using System.CommandLine;
using Domovoy.Host.Checking;
using Domovoy.Host.Codegen;
using Domovoy.Host.Configuration;
using Domovoy.Host.Hosting;
using Domovoy.Host.Watching;

namespace Domovoy.Host.Cli;

/// <summary>
/// The <c>domovoy</c> command line (System.CommandLine): <c>run</c> (the default), <c>codegen</c>, <c>check</c>, <c>watch</c>, plus
/// <c>--help</c> and <c>--version</c>. Every command returns an <see cref="ExitCodes"/> value.
/// </summary>
internal static class DomovoyCommandLine
{
    private const string Examples = """
        Domovoy: a host for Home Assistant automation apps written in C#.

        Examples:
          domovoy --config config.yml                 run the host (same as: domovoy run --config config.yml)
          domovoy codegen -o MyApps                   write MyApps/hass.snapshot.json from the Home Assistant in ./config.yml
                                                      (or from the embedded simulator's demo home when none is configured)
          domovoy codegen -o MyApps --check           exit 5 and list the differences when the snapshot is out of date
          domovoy check --config config.yml           validate config.yml and load every plugin without starting apps
          domovoy watch MotionLights -c config.yml    run the host and recompile the app in-process on every save
        """;

    /// <summary>Builds the root command.</summary>
    public static RootCommand Create()
    {
        var config = new Option<FileInfo?>("--config", "-c")
        {
            Description = "The host's config.yml (default: ./config.yml when it exists).",
            Recursive = true,
        };

        var root = new RootCommand(Examples) { config };
        var run = new Command("run", "Run the host: load the plugins, start their apps and hot-reload them on change (the default command).");
        run.SetAction((parse, _) => RunAsync(parse.GetValue(config)));
        root.SetAction((parse, _) => RunAsync(parse.GetValue(config)));
        root.Subcommands.Add(run);
        root.Subcommands.Add(CodegenCommand.Create(config));
        root.Subcommands.Add(CheckCommand.Create(config));
        root.Subcommands.Add(WatchCommand.Create(config));
        return root;
    }

    private static async Task<int> RunAsync(FileInfo? configFile)
        => await LoadConfigAsync(configFile).ConfigureAwait(false) is { } loaded
            ? await HostRunner.RunAsync(loaded.Path, loaded.Config).ConfigureAwait(false)
            : ExitCodes.InvalidConfiguration;

    /// <summary>Finds and loads config.yml for the commands that run the host; null (the error printed) when it cannot.</summary>
    public static async Task<(string Path, HostConfig Config)?> LoadConfigAsync(FileInfo? configFile)
    {
        var path = ConfigFileArgument.Resolve(configFile);
        if (path is null)
        {
            await Console.Error.WriteLineAsync("No config.yml: pass one with --config <config.yml> (see samples/config.yml) or run domovoy in a folder that has one.").ConfigureAwait(false);
            return null;
        }

        try
        {
            return (path, HostConfigLoader.Load(path));
        }
        catch (HostConfigException ex)
        {
            await Console.Error.WriteLineAsync($"Invalid configuration: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }
}
