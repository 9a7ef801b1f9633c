using System.Runtime.CompilerServices;
using Domovoy.Core.Apps.Registration;
using McMaster.NETCore.Plugins;

namespace Domovoy.Core.Plugins.Loading;

/// <summary>One loaded version of a plugin: its own collectible load context, shadow copy and registrations.</summary>
internal sealed class PluginVersion
{
    private PluginLoader? _loader;

    public PluginVersion(string pluginName, long number, string shadowDirectory, PluginFingerprint fingerprint, PluginLoader loader, IReadOnlyList<AppRegistration> registrations, IReadOnlyList<string> errors)
    {
        PluginName = pluginName;
        Number = number;
        ShadowDirectory = shadowDirectory;
        Fingerprint = fingerprint;
        _loader = loader;
        Registrations = registrations;
        Errors = errors;
    }

    public string PluginName { get; }

    public long Number { get; }

    public string ShadowDirectory { get; }

    public PluginFingerprint Fingerprint { get; }

    /// <summary>Validated registrations; cleared on unload so nothing here keeps the plugin's types alive.</summary>
    public IReadOnlyList<AppRegistration> Registrations { get; private set; }

    /// <summary>Registrations that were rejected (invalid config, duplicate name, registrar failure).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>
    /// Starts unloading the load context and returns a weak reference to it for the unload check. Kept out of line so
    /// the JIT holds no strong reference to the context in the caller's frame.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public WeakReference Unload()
    {
        var loader = _loader ?? throw new InvalidOperationException($"Plugin '{PluginName}' version {Number} is already unloaded.");
        _loader = null;
        Registrations = [];
        var weak = new WeakReference(loader.LoadContext);
        loader.Dispose();
        return weak;
    }
}
