using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;

namespace Domovoy.Core.Plugins.Loading;

/// <summary>
/// Finds the assemblies a plugin needs but cannot get, before any of its code runs: starting at the main assembly, it
/// follows assembly references transitively (read with <see cref="MetadataReader"/>, nothing is loaded) and resolves
/// each the way the plugin's load context will: the plugin folder (the places its <c>.deps.json</c> lists, including
/// RID-specific <c>runtimes/</c> builds, then <c>&lt;name&gt;.dll</c>, then the NuGet probing folders its runtimeconfig
/// names), else the host (shared framework, host-shared Domovoy.Abstractions and its references). Satellite (resource) assemblies are never referenced from metadata, so they are
/// not required.
/// </summary>
internal sealed class DependencyChecker(HostAssemblies host)
{
    /// <summary>The missing assemblies, in the order they were found; empty when everything resolves.</summary>
    /// <param name="mainAssemblyPath">The plugin's main assembly; its folder is the plugin folder.</param>
    public IReadOnlyList<MissingDependency> FindMissing(string mainAssemblyPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(mainAssemblyPath))!;
        var deps = DepsJsonAssets.Read(Path.ChangeExtension(mainAssemblyPath, ".deps.json"));
        var probingFolders = ProbingFolders(mainAssemblyPath);
        var resolved = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var missing = new Dictionary<string, (Version Version, List<string> Users)>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<string>([mainAssemblyPath]);
        var visited = new HashSet<string>(StringComparer.Ordinal) { Path.GetFullPath(mainAssemblyPath) };
        resolved.Add(Path.GetFileNameWithoutExtension(mainAssemblyPath));
        while (pending.TryDequeue(out var file))
        {
            var user = Path.GetRelativePath(folder, file);
            foreach (var reference in ReadReferences(file))
            {
                if (missing.TryGetValue(reference.Name, out var known))
                {
                    known.Users.Add(user);
                    continue;
                }

                if (!resolved.Add(reference.Name))
                {
                    continue;
                }

                if (FindInFolder(folder, deps, probingFolders, reference) is { } local)
                {
                    if (visited.Add(Path.GetFullPath(local)))
                    {
                        pending.Enqueue(local);
                    }

                    continue;
                }

                if (!host.Provides(reference.Name))
                {
                    resolved.Remove(reference.Name);
                    missing[reference.Name] = (reference.Version, [user]);
                }
            }
        }

        return missing.Select(m => new MissingDependency(m.Key, m.Value.Version, m.Value.Users)).ToArray();
    }

    private static string? FindInFolder(string folder, DepsJsonAssets deps, IReadOnlyList<string> probingFolders, Reference reference)
    {
        if (reference.Culture is { Length: > 0 } culture && !culture.Equals("neutral", StringComparison.OrdinalIgnoreCase))
        {
            return Existing(Path.Combine(folder, culture, reference.Name + ".dll"));
        }

        var assets = deps.AssetsOf(reference.Name);
        foreach (var asset in assets)
        {
            var found = Existing(Path.Combine(folder, asset.FolderPath))
                ?? (asset.PackagePath is null ? null : probingFolders.Select(p => Existing(Path.Combine(p, asset.PackagePath))).FirstOrDefault(p => p is not null));
            if (found is not null)
            {
                return found;
            }
        }

        // Not listed (or listed but not where listed): the loader falls back to <name>.dll in the folder (and, when not
        // listed, in the probing folders).
        var fileName = reference.Name + ".dll";
        return Existing(Path.Combine(folder, fileName))
            ?? (assets.Count > 0 ? null : probingFolders.Select(p => Existing(Path.Combine(p, fileName))).FirstOrDefault(p => p is not null));
    }

    private static string? Existing(string path) => File.Exists(path) ? path : null;

    /// <summary>The assembly references of a file; none when it is not a readable .NET assembly (the loader reports that itself).</summary>
    private static List<Reference> ReadReferences(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return [];
            }

            var reader = pe.GetMetadataReader();
            var references = new List<Reference>(reader.AssemblyReferences.Count);
            foreach (var handle in reader.AssemblyReferences)
            {
                var reference = reader.GetAssemblyReference(handle);
                if ((reference.Flags & AssemblyFlags.WindowsRuntime) != 0)
                {
                    continue;
                }

                references.Add(new Reference(reader.GetString(reference.Name), reference.Version, reference.Culture.IsNil ? null : reader.GetString(reference.Culture)));
            }

            return references;
        }
        catch (Exception ex) when (ex is BadImageFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return [];
        }
    }

    /// <summary>
    /// The NuGet probing folders the loader adds from <c>runtimeOptions.additionalProbingPaths</c> of the plugin's
    /// runtimeconfig.json and runtimeconfig.dev.json (written only for builds that ask for it).
    /// </summary>
    private static List<string> ProbingFolders(string mainAssemblyPath)
    {
        var folders = new List<string>();
        foreach (var config in new[] { ".runtimeconfig.json", ".runtimeconfig.dev.json" }.Select(e => Path.ChangeExtension(mainAssemblyPath, e)).Where(File.Exists))
        {
            try
            {
                using var stream = File.OpenRead(config);
                using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (document.RootElement.TryGetProperty("runtimeOptions", out var options) && options.ValueKind == JsonValueKind.Object
                    && options.TryGetProperty("additionalProbingPaths", out var paths) && paths.ValueKind == JsonValueKind.Array)
                {
                    folders.AddRange(paths.EnumerateArray().Select(p => p.GetString()).OfType<string>().Where(p => p.Length > 0));
                }
            }
            catch (JsonException)
            {
                // A broken runtimeconfig adds no probing folders; the loader ignores it the same way.
            }
        }

        return folders;
    }

    private sealed record Reference(string Name, Version Version, string? Culture);
}
