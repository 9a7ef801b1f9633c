using System.Reflection;
using System.Runtime.CompilerServices;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Registration;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Domovoy.Core.Plugins.Loading;

/// <summary>
/// Loads one plugin version from its shadow copy into a new collectible load context (McMaster.NETCore.Plugins as the
/// loader only) and collects its app registrations, without touching any running app.
/// </summary>
internal sealed class PluginVersionLoader(IValidateOptions<AppConfigBase> validator)
{
    private static readonly Version HostAbstractionsVersion = typeof(AppBase).Assembly.GetName().Version!;

    private readonly DependencyChecker _dependencies = new(new HostAssemblies());

    /// <summary>Loads the version, or throws <see cref="PluginLoadException"/> with a reason fit for the log.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public PluginVersion Load(string pluginName, long number, string shadowDirectory, PluginFingerprint fingerprint)
    {
        var mainAssembly = PluginFiles.FindMainAssembly(shadowDirectory, pluginName)
            ?? throw new PluginLoadException($"the folder has no '{pluginName}.dll' (a plugin folder must be named after its main assembly)");

        // Only Abstractions (and what it references, e.g. logging abstractions) is shared with the host, so AppBase has
        // one type identity; everything else, shared helper libraries included, is private to this version.
        var loader = PluginLoader.CreateFromAssemblyFile(mainAssembly, isUnloadable: true, sharedTypes: [typeof(AppBase), typeof(ILogger)]);
        try
        {
            var assembly = loader.LoadDefaultAssembly();
            CheckAbstractionsVersion(pluginName, assembly);
            CheckDependencies(mainAssembly);
            var collector = new AppRegistryCollector(pluginName, validator);
            var registrars = FindRegistrars(assembly);
            if (registrars.Count == 0)
            {
                throw new PluginLoadException($"assembly '{assembly.GetName().Name}' has no public class implementing IAppRegistrar; add one that registers the plugin's apps");
            }

            foreach (var registrarType in registrars)
            {
                IAppRegistrar registrar;
                try
                {
                    registrar = (IAppRegistrar)Activator.CreateInstance(registrarType)!;
                    registrar.Register(collector);
                }
                catch (Exception ex)
                {
                    var inner = ex is TargetInvocationException { InnerException: { } i } ? i : ex;
                    throw new PluginLoadException($"registrar {registrarType.FullName} threw {inner.GetType().Name}: {inner.Message}", inner);
                }
            }

            var registrations = collector.Registrations.Select(r => r with { PluginVersion = number }).ToArray();
            return new PluginVersion(pluginName, number, shadowDirectory, fingerprint, loader, registrations, collector.Errors);
        }
        catch (PluginLoadException ex)
        {
            throw new PluginLoadException(ex.Message, ex.InnerException) { UnloadedContext = Unload(loader) };
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException or TypeLoadException or ReflectionTypeLoadException or MissingMethodException or InvalidOperationException or ArgumentException)
        {
            throw new PluginLoadException(Describe(ex), ex) { UnloadedContext = Unload(loader) };
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Unload(PluginLoader loader)
    {
        var weak = new WeakReference(loader.LoadContext);
        loader.Dispose();
        return weak;
    }

    private static List<Type> FindRegistrars(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            var first = ex.LoaderExceptions.FirstOrDefault(e => e is not null);
            throw new PluginLoadException($"types of '{assembly.GetName().Name}' cannot be loaded: {first?.Message ?? ex.Message} (a dependency DLL may be missing from the plugin folder)", ex);
        }

        return types.Where(t => t is { IsAbstract: false, IsClass: true } && typeof(IAppRegistrar).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null).ToList();
    }

    private static void CheckAbstractionsVersion(string pluginName, Assembly assembly)
    {
        var reference = assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == typeof(AppBase).Assembly.GetName().Name);
        if (reference?.Version is { } built && built.Major > HostAbstractionsVersion.Major)
        {
            throw new PluginLoadException(
                $"it was built against Domovoy.Abstractions {built}, but this host provides {HostAbstractionsVersion}; a newer major version is not supported. Upgrade the host or build the plugin against Domovoy.Abstractions {HostAbstractionsVersion.Major}.x");
        }
    }

    /// <summary>
    /// Refuses a version that references an assembly it cannot get, before any of its types is resolved: otherwise the
    /// failure surfaces as a FileNotFoundException inside an app's InitializeAsync, after the swap.
    /// </summary>
    private void CheckDependencies(string mainAssembly)
    {
        var missing = _dependencies.FindMissing(mainAssembly);
        if (missing.Count > 0)
        {
            throw new PluginLoadException(string.Join("; ", missing.Select(m => m.Describe())));
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        BadImageFormatException => $"an assembly is not a valid .NET image: {ex.Message}",
        FileNotFoundException f => $"a dependency is missing: {f.FileName ?? f.Message} (is it copied into the plugin folder?)",
        FileLoadException f => $"an assembly could not be loaded: {f.FileName ?? f.Message}: {f.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
