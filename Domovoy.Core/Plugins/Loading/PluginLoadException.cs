namespace Domovoy.Core.Plugins.Loading;

/// <summary>A plugin version could not be loaded; the message is the reason shown in <c>Failed to reload plugin X: reason</c>.</summary>
internal sealed class PluginLoadException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The load context that was created and unloaded again, for the unload check; null if none was created.</summary>
    public WeakReference? UnloadedContext { get; init; }
}
