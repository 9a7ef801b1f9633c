using System.Runtime.CompilerServices;
using Domovoy.Core.Apps.Registration;
using Domovoy.Core.Plugins.Loading;

namespace Domovoy.Core.Plugins.Checking;

/// <summary>
/// Loads every plugin of a plugins folder the way the host would (dependency check, Abstractions version, registrars,
/// config validation, app names unique across plugins), each into a throwaway collectible context, and starts no app.
/// Used by <c>domovoy check</c> to catch a broken deployment before it reaches the running host.
/// </summary>
internal static class PluginChecker
{
    /// <summary>Checks each subfolder of <paramref name="pluginsPath"/>; results are sorted by plugin name.</summary>
    /// <param name="pluginsPath">The plugins folder.</param>
    /// <param name="entityIds">When given, every app config's entity ids are checked against them, as the host checks
    /// them against Home Assistant at start (<see cref="ConfigEntityChecker"/>): the ids and the file they came from.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="DirectoryNotFoundException">The plugins folder does not exist.</exception>
    public static async Task<IReadOnlyList<PluginCheckResult>> CheckAllAsync(string pluginsPath, (IReadOnlyCollection<string> Ids, string Source)? entityIds, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(pluginsPath))
        {
            throw new DirectoryNotFoundException($"The plugins folder '{pluginsPath}' does not exist; build an app into it or fix 'plugins:' in config.yml.");
        }

        var loader = new PluginVersionLoader(new AppConfigValidator());
        var results = new List<PluginCheckResult>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var directory in Directory.GetDirectories(pluginsPath).Order(StringComparer.Ordinal))
        {
            var result = await CheckAsync(loader, Path.GetFileName(directory), directory, entityIds, cancellationToken).ConfigureAwait(false);
            var problems = result.Problems.ToList();
            foreach (var name in result.AppNames)
            {
                if (!owners.TryAdd(name, result.PluginName))
                {
                    problems.Add($"app name '{name}' is also registered by plugin '{owners[name]}'; app names must be unique across plugins (the plugin loaded second would not start it)");
                }
            }

            results.Add(new PluginCheckResult(result.PluginName, result.Apps, problems, result.Warnings));
        }

        return results;
    }

    private static async Task<(string PluginName, IReadOnlyList<string> Apps, IReadOnlyList<string> AppNames, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings)> CheckAsync(PluginVersionLoader loader, string plugin, string directory, (IReadOnlyCollection<string> Ids, string Source)? entityIds, CancellationToken cancellationToken)
    {
        var files = PluginFiles.List(directory);
        if (PluginFileChecker.FindIncompleteFile(directory, files) is { } incomplete)
        {
            return (plugin, [], [], [$"{incomplete.RelativePath}: {incomplete.Reason}"], []);
        }

        var fingerprint = await PluginFingerprint.ComputeAsync(directory, files, cancellationToken).ConfigureAwait(false);
        return Load(loader, plugin, directory, fingerprint, entityIds);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (string, IReadOnlyList<string>, IReadOnlyList<string>, IReadOnlyList<string>, IReadOnlyList<string>) Load(PluginVersionLoader loader, string plugin, string directory, PluginFingerprint fingerprint, (IReadOnlyCollection<string> Ids, string Source)? entityIds)
    {
        try
        {
            var version = loader.Load(plugin, 1, directory, fingerprint);
            var apps = version.Registrations.Select(r => r.DisplayName).ToArray();
            var names = version.Registrations.Select(r => r.AppName).ToArray();
            var problems = version.Errors.ToArray();
            var warnings = entityIds is { } known ? ConfigWarnings(version.Registrations, known.Ids, known.Source) : [];
            if (apps.Length == 0 && problems.Length == 0)
            {
                problems = ["it registers no app; call Register<TApp, TConfig>(name, config) in its IAppRegistrar"];
            }

            version.Unload();
            return (plugin, apps, names, problems, warnings);
        }
        catch (PluginLoadException ex)
        {
            return (plugin, [], [], [ex.Message], []);
        }
    }

    private static string[] ConfigWarnings(IEnumerable<AppRegistration> registrations, IReadOnlyCollection<string> entityIds, string source)
    {
        var known = entityIds as ISet<string> ?? new HashSet<string>(entityIds, StringComparer.Ordinal);
        return registrations
            .SelectMany(r => ConfigEntityChecker.Check(r.Config, known.Contains, entityIds, source).Select(w => $"app {r.AppName}: {w}"))
            .ToArray();
    }
}
