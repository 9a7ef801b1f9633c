using Domovoy.Tests.Shared;

namespace Domovoy.Host.Tests.Support;

/// <summary>
/// A temporary folder with a copy of the built sample plugins (samples/plugins/) and a config.yml, so each test has
/// its own state file and plugins. Deleted on dispose.
/// </summary>
internal sealed class SampleWorkspace : IDisposable
{
    /// <summary>The five apps the samples register.</summary>
    public static readonly string[] SampleApps = ["climate_report", "hallway_lights", "heartbeat", "kitchen_lights", "motion_counter"];

    public SampleWorkspace(string? extraConfig = null)
    {
        Root = Directory.CreateTempSubdirectory("domovoy-admin-test").FullName;
        var samples = Path.Combine(RepositoryRoot, "samples", "plugins");
        if (!Directory.Exists(samples) || Directory.GetDirectories(samples).Length < 4)
        {
            throw new InvalidOperationException($"The sample plugins are not built in {samples}; build the solution first (dotnet build Domovoy.sln).");
        }

        foreach (var file in Directory.GetFiles(samples, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Root, "plugins", Path.GetRelativePath(samples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // Port 0: a free port for the simulator and the page, so tests never collide with each other or a running host.
        File.WriteAllText(ConfigPath, "plugins: ./plugins\nreload_debounce_ms: 100\nfinalize_timeout_s: 5\nsimulator:\n  port: 0\nadmin:\n  port: 0\n" + (extraConfig ?? string.Empty));
    }

    public string Root { get; }

    public string ConfigPath => Path.Combine(Root, "config.yml");

    public string StateFilePath => Path.Combine(Root, "domovoy.state.json");

    public static string RepositoryRoot => RepositoryPaths.Root;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by an exiting host; the temp folder is cleaned up by the system.
        }
    }
}
