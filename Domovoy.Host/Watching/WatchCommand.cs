using System.CommandLine;
using Domovoy.Host.Cli;
using Domovoy.Host.Hosting;
using Domovoy.Watch;

namespace Domovoy.Host.Watching;

/// <summary>
/// <c>domovoy watch [projects…]</c>: runs the host exactly like <c>run</c> and, beside it, keeps the app projects open
/// in an in-process Roslyn workspace that recompiles each save into the plugins folder; the host reloads it without the
/// build debounce. Projects come from the arguments (project files or folders of them), else from config.yml's
/// <c>dev.projects</c>.
/// </summary>
internal static class WatchCommand
{
    /// <summary>Builds the command; <paramref name="config"/> is the root's recursive <c>--config</c> option.</summary>
    public static Command Create(Option<FileInfo?> config)
    {
        var projects = new Argument<string[]>("projects")
        {
            Description = "App projects (.csproj) or folders of them (default: dev.projects in config.yml).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("watch", "Run the host and recompile app projects in-process on every save (save → app running in well under a second).") { projects };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(config), parse.GetValue(projects) ?? []));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? configFile, string[] given)
    {
        if (await DomovoyCommandLine.LoadConfigAsync(configFile).ConfigureAwait(false) is not { } loaded)
        {
            return ExitCodes.InvalidConfiguration;
        }

        var paths = given.Length > 0 ? given.Select(Path.GetFullPath).ToArray() : loaded.Config.DevProjects;
        if (paths.Count == 0)
        {
            await Console.Error.WriteLineAsync($"domovoy watch needs app projects: pass them (domovoy watch MotionLights/ or a folder of projects), or list them in {loaded.Path} under 'dev: projects: [...]'.").ConfigureAwait(false);
            return ExitCodes.InvalidConfiguration;
        }

        IReadOnlyList<string> projects;
        try
        {
            projects = WatchProjects.Resolve(paths);
            // Before anything loads a Microsoft.Build type: MSBuild must come from the SDK that builds the projects.
            MsBuildRegistration.EnsureRegistered();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"domovoy watch: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidConfiguration;
        }

        var options = new WatchOptions { Projects = projects, Debounce = loaded.Config.DevDebounce, PluginsPath = loaded.Config.PluginsPath };
        return await HostRunner.RunAsync(loaded.Path, loaded.Config, services => services.AddDomovoyWatch(options)).ConfigureAwait(false);
    }
}
