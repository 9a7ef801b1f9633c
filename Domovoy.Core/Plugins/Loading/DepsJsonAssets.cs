using System.Text.Json;

namespace Domovoy.Core.Plugins.Loading;

/// <summary>
/// The managed runtime assets a plugin's <c>&lt;main&gt;.deps.json</c> lists, by assembly name, as the places its load
/// context looks for them (McMaster.NETCore.Plugins' rules): the folder-relative path (<c>lib/&lt;tfm&gt;/X.dll</c> is
/// flattened to <c>X.dll</c>, <c>runtimes/&lt;rid&gt;/lib/&lt;tfm&gt;/X.dll</c> stays as is) and the package-relative
/// path used under NuGet probing folders. Format: https://github.com/dotnet/sdk/blob/main/documentation/specs/runtime-configuration-file.md
/// </summary>
internal sealed class DepsJsonAssets
{
    private readonly Dictionary<string, List<Asset>> _assets;

    private DepsJsonAssets(Dictionary<string, List<Asset>> assets) => _assets = assets;

    /// <summary>No deps.json: every assembly is looked up as <c>&lt;name&gt;.dll</c> in the plugin folder.</summary>
    public static DepsJsonAssets Empty { get; } = new(new Dictionary<string, List<Asset>>(StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The listed places of <paramref name="assemblyName"/>, in the order the loader tries them; empty when the deps.json
    /// does not list it.
    /// </summary>
    public IReadOnlyList<Asset> AssetsOf(string assemblyName)
        => _assets.TryGetValue(assemblyName, out var assets) ? assets : [];

    /// <summary>Reads <paramref name="depsJsonPath"/>; <see cref="Empty"/> when it does not exist or is not valid JSON (the loader then probes the folder only).</summary>
    public static DepsJsonAssets Read(string depsJsonPath)
    {
        if (!File.Exists(depsJsonPath))
        {
            return Empty;
        }

        try
        {
            using var stream = File.OpenRead(depsJsonPath);
            using var document = JsonDocument.Parse(stream);
            return new DepsJsonAssets(Collect(document.RootElement));
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    private static Dictionary<string, List<Asset>> Collect(JsonElement root)
    {
        var paths = new Dictionary<string, List<Asset>>(StringComparer.OrdinalIgnoreCase);
        if (!root.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Object)
        {
            return paths;
        }

        var targetName = root.TryGetProperty("runtimeTarget", out var runtimeTarget) && runtimeTarget.ValueKind == JsonValueKind.Object
            && runtimeTarget.TryGetProperty("name", out var name) ? name.GetString() : null;
        var target = targetName is not null && targets.TryGetProperty(targetName, out var named) ? named : targets.EnumerateObject().Select(t => t.Value).FirstOrDefault();
        if (target.ValueKind != JsonValueKind.Object)
        {
            return paths;
        }

        var libraries = root.TryGetProperty("libraries", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
        foreach (var library in target.EnumerateObject())
        {
            var packagePath = PackagePath(libraries, library.Name);
            foreach (var asset in RuntimeAssets(library.Value))
            {
                var assemblyName = Path.GetFileNameWithoutExtension(asset);
                if (!paths.TryGetValue(assemblyName, out var list))
                {
                    list = [];
                    paths[assemblyName] = list;
                }

                list.Add(new Asset(
                    asset.StartsWith("lib/", StringComparison.Ordinal) ? Path.GetFileName(asset) : asset,
                    packagePath is null ? null : Path.Combine(packagePath, asset)));
            }
        }

        return paths;
    }

    /// <summary>The <c>runtime</c> assets and the <c>runtimeTargets</c> assets of type runtime (RID-specific builds under runtimes/).</summary>
    private static IEnumerable<string> RuntimeAssets(JsonElement library)
    {
        if (library.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (library.TryGetProperty("runtime", out var runtime) && runtime.ValueKind == JsonValueKind.Object)
        {
            foreach (var asset in runtime.EnumerateObject())
            {
                yield return asset.Name;
            }
        }

        if (library.TryGetProperty("runtimeTargets", out var runtimeTargets) && runtimeTargets.ValueKind == JsonValueKind.Object)
        {
            foreach (var asset in runtimeTargets.EnumerateObject())
            {
                if (asset.Value.ValueKind == JsonValueKind.Object && asset.Value.TryGetProperty("assetType", out var type) && type.GetString() == "runtime")
                {
                    yield return asset.Name;
                }
            }
        }
    }

    /// <summary>A package's folder under a NuGet probing root (<c>libraries.&lt;id/version&gt;.path</c>, e.g. <c>newtonsoft.json/13.0.3</c>); null for projects.</summary>
    private static string? PackagePath(JsonElement libraries, string libraryKey)
        => libraries.ValueKind == JsonValueKind.Object && libraries.TryGetProperty(libraryKey, out var library) && library.ValueKind == JsonValueKind.Object
            && library.TryGetProperty("type", out var type) && type.GetString() == "package"
            && library.TryGetProperty("path", out var path) && path.GetString() is { Length: > 0 } p
                ? p
                : null;

    /// <summary>One listed place of an assembly.</summary>
    /// <param name="FolderPath">Relative to the plugin folder.</param>
    /// <param name="PackagePath">Relative to a NuGet probing folder; null for project references and plain files.</param>
    internal sealed record Asset(string FolderPath, string? PackagePath);
}
