using System.Reflection;
using System.Runtime.Loader;

namespace Domovoy.Core.Plugins.Loading;

/// <summary>
/// The assemblies the host's default load context can give a plugin: the shared framework and the host's own
/// dependencies (the runtime's <c>TRUSTED_PLATFORM_ASSEMBLIES</c>) plus whatever is already loaded there, which includes
/// the host-shared Domovoy.Abstractions and its references. A plugin's load context falls back to these for any
/// assembly it does not carry itself.
/// </summary>
internal sealed class HostAssemblies
{
    private readonly Dictionary<string, string> _trustedPaths = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Version?> _versions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public HostAssemblies()
    {
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string trusted)
        {
            foreach (var path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                _trustedPaths.TryAdd(Path.GetFileNameWithoutExtension(path), path);
            }
        }
    }

    /// <summary>
    /// The version of <paramref name="name"/> the host provides, or null when it provides none. Trusted-platform versions
    /// are read from the file's metadata on first use (no load) and cached.
    /// </summary>
    public Version? VersionOf(string name)
    {
        lock (_gate)
        {
            if (_versions.TryGetValue(name, out var cached))
            {
                return cached;
            }

            // Only hits are cached: the default context may load more assemblies later.
            var version = LoadedVersion(name) ?? TrustedVersion(name);
            if (version is not null)
            {
                _versions[name] = version;
            }

            return version;
        }
    }

    private static Version? LoadedVersion(string name)
        => AssemblyLoadContext.Default.Assemblies.Select(a => a.GetName())
            .Where(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Version ?? new Version(0, 0))
            .Max();

    private Version? TrustedVersion(string name)
    {
        if (!_trustedPaths.TryGetValue(name, out var path))
        {
            return null;
        }

        try
        {
            return AssemblyName.GetAssemblyName(path).Version ?? new Version(0, 0);
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            // Listed but unreadable: the runtime would fail to bind it too.
            return null;
        }
    }
}
