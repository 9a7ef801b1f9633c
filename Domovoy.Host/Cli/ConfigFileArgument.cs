namespace Domovoy.Host.Cli;

/// <summary>Where the commands find config.yml: the <c>--config</c> option, else <c>./config.yml</c> when it exists.</summary>
internal static class ConfigFileArgument
{
    /// <summary>The path to load, or null when none was given and the current folder has no config.yml.</summary>
    public static string? Resolve(FileInfo? given)
        => given is not null ? given.FullName : File.Exists("config.yml") ? Path.GetFullPath("config.yml") : null;
}
