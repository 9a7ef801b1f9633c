namespace Domovoy.Watch;

/// <summary>What <c>domovoy watch</c> compiles: the app projects and how long a save must be quiet before compiling.</summary>
internal sealed record WatchOptions
{
    /// <summary>Absolute paths of the app (plugin) projects, <c>*.csproj</c>. Referenced projects are opened with them.</summary>
    public required IReadOnlyList<string> Projects { get; init; }

    /// <summary>
    /// The host's plugins folder: of <see cref="Projects"/>, only those whose output folder is a folder in it are apps
    /// (compiled and written on change); the others (a shared library, a test project) are opened as references only.
    /// Null treats every given project as an app.
    /// </summary>
    public string? PluginsPath { get; init; }

    /// <summary>
    /// How long the source files must be quiet after a change before compiling (an editor's save is several file
    /// events). Default 30 ms.
    /// </summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>The <c>dotnet</c> executable used for fallback builds; default <c>dotnet</c> from PATH.</summary>
    public string DotnetPath { get; init; } = "dotnet";
}
