namespace Domovoy.Core.Plugins.Loading;

/// <summary>An assembly a plugin references that neither its folder nor the host can provide.</summary>
/// <param name="Name">The referenced assembly's simple name, e.g. <c>Helpers</c>.</param>
/// <param name="Version">The version the reference asks for.</param>
/// <param name="ReferencedBy">File names (relative to the plugin folder) of the plugin's assemblies that reference it.</param>
internal sealed record MissingDependency(string Name, Version Version, IReadOnlyList<string> ReferencedBy)
{
    /// <summary>One sentence for the log: what is missing, who needs it, and the fix.</summary>
    public string Describe()
        => $"{Name} {Version} (referenced by {string.Join(", ", ReferencedBy)}) is missing: it is neither in the plugin folder nor provided by the host. Copy {Name}.dll into the plugin folder (check the build output: a reference marked Private=\"false\" or ExcludeAssets=\"runtime\" is not copied)";
}
