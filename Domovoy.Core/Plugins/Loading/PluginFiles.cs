namespace Domovoy.Core.Plugins.Loading;

/// <summary>Which files of a plugin folder matter: its DLLs (its own and every dependency copied in) and .deps.json.</summary>
internal static class PluginFiles
{
    public static bool IsRelevant(string path)
        => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<string> List(string pluginDirectory)
        => Directory.Exists(pluginDirectory)
            ? Directory.EnumerateFiles(pluginDirectory, "*", SearchOption.AllDirectories).Where(IsRelevant).Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>
    /// The plugin's main assembly: <c>&lt;folder&gt;/&lt;folder name&gt;.dll</c>, else the assembly named by the folder's only
    /// .deps.json. Null when neither exists.
    /// </summary>
    public static string? FindMainAssembly(string pluginDirectory, string pluginName)
    {
        var byName = Path.Combine(pluginDirectory, pluginName + ".dll");
        if (File.Exists(byName))
        {
            return byName;
        }

        var deps = Directory.Exists(pluginDirectory) ? Directory.GetFiles(pluginDirectory, "*.deps.json") : [];
        if (deps.Length == 1)
        {
            var candidate = Path.Combine(pluginDirectory, Path.GetFileName(deps[0])[..^".deps.json".Length] + ".dll");
            return File.Exists(candidate) ? candidate : null;
        }

        return null;
    }
}
