namespace Domovoy.Core.Plugins.Loading;

/// <summary>The shadow copy folder is not private to the user running the host, so the host refuses to load plugins from it.</summary>
internal sealed class ShadowRootException(string message) : Exception(message);
