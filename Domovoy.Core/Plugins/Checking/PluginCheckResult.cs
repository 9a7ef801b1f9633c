namespace Domovoy.Core.Plugins.Checking;

/// <summary>What checking one plugin folder found: the apps it would start and the problems that stop it or its apps.</summary>
/// <param name="PluginName">The plugin (its folder's name).</param>
/// <param name="Apps">The registered apps' display names (<c>Class.name</c>) whose configs are valid.</param>
/// <param name="Problems">Each problem in the words the host would log, naming the fix.</param>
/// <param name="Warnings">What the host would warn about at start without stopping the app, e.g. a config entity id the
/// snapshot does not have (only when the check was given the entity ids).</param>
internal sealed record PluginCheckResult(string PluginName, IReadOnlyList<string> Apps, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings);
