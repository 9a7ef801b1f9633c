namespace Domovoy.Tests.Shared;

/// <summary>Where the repository is, for tests that use its sources or built samples.</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root (the folder with Domovoy.sln), found upwards from the test binaries.</summary>
    /// <exception cref="InvalidOperationException">The tests do not run from inside the repository.</exception>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Domovoy.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No Domovoy.sln above {AppContext.BaseDirectory}.");
        }
    }
}
