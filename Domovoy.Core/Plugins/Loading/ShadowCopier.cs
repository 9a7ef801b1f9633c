namespace Domovoy.Core.Plugins.Loading;

/// <summary>
/// Copies a plugin folder to a per-version folder before loading it. MSBuild overwrites DLLs in place on Linux, so
/// loading from the build output would let a running version execute (or crash on) the next build's bytes. Copies go
/// to this host instance's private folder (<see cref="ShadowRoot"/>), removed with it on <see cref="Dispose"/>.
/// </summary>
internal sealed class ShadowCopier(ShadowRoot instance) : IDisposable
{
    /// <summary>This host instance's shadow folder: <c>&lt;Root&gt;/&lt;plugin&gt;/&lt;version&gt;/</c> are the copies.</summary>
    public string Root { get; } = instance.InstanceDirectory;

    /// <summary>Removes every copy and releases the instance's lock.</summary>
    public void Dispose() => instance.Dispose();

    public string Copy(string sourceDirectory, string pluginName, long version)
    {
        var target = Path.Combine(Root, pluginName, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(sourceDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return target;
    }

    public static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover shadow copy is only disk space, removed with the root on shutdown.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
