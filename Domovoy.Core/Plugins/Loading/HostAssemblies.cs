using System.Runtime.Loader;

namespace Domovoy.Core.Plugins.Loading;

/// <summary>
/// The assemblies the host's default load context can give a plugin: the shared framework and the host's own
/// dependencies (the runtime's <c>TRUSTED_PLATFORM_ASSEMBLIES</c>) plus whatever is already loaded there, which includes
/// the host-shared Domovoy.Abstractions and its references. A plugin's load context falls back to these for any
/// assembly it does not carry itself, whatever version it was compiled against (the default context binds the host's
/// copy; a newer major of Domovoy.Abstractions is refused separately).
/// </summary>
internal sealed class HostAssemblies
{
    private readonly HashSet<string> _trusted = new(StringComparer.OrdinalIgnoreCase);

    public HostAssemblies()
    {
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string trusted)
        {
            foreach (var path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                _trusted.Add(Path.GetFileNameWithoutExtension(path));
            }
        }
    }

    /// <summary>True when the host can provide an assembly named <paramref name="name"/> (simple name, no extension).</summary>
    public bool Provides(string name)
        => _trusted.Contains(name)
            || AssemblyLoadContext.Default.Assemblies.Any(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
}
