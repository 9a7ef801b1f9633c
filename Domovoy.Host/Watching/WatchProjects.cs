namespace Domovoy.Host.Watching;

/// <summary>Turns what <c>domovoy watch</c> was given (project files and folders) into the project files to open.</summary>
internal static class WatchProjects
{
    /// <summary>
    /// A <c>.csproj</c> stays itself; a folder with project files in it gives those; any other folder gives every project
    /// file below it (not in <c>bin/</c>, <c>obj/</c> or hidden folders). Paths are absolute and distinct.
    /// </summary>
    /// <exception cref="ArgumentException">A path does not exist, is not a .csproj, or a folder holds no project.</exception>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> paths)
    {
        var projects = new List<string>();
        foreach (var path in paths.Select(Path.GetFullPath))
        {
            if (File.Exists(path))
            {
                projects.Add(path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
                    ? path
                    : throw new ArgumentException($"{path} is not a C# project file (.csproj); pass app projects or folders holding them."));
                continue;
            }

            if (!Directory.Exists(path))
            {
                throw new ArgumentException($"{path} does not exist; pass app projects (.csproj) or folders holding them.");
            }

            var here = Directory.GetFiles(path, "*.csproj");
            var found = here.Length > 0 ? here : Below(path).ToArray();
            projects.AddRange(found.Length > 0 ? found : throw new ArgumentException($"{path} holds no C# project (.csproj)."));
        }

        return projects.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    private static IEnumerable<string> Below(string directory)
    {
        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            var name = Path.GetFileName(child);
            if (name.StartsWith('.') || name is "bin" or "obj")
            {
                continue;
            }

            foreach (var project in Directory.EnumerateFiles(child, "*.csproj").Concat(Below(child)))
            {
                yield return project;
            }
        }
    }
}
