namespace Domovoy.Simulator.Tests.Support;

internal static class Repository
{
    /// <summary>The checkout root (the folder holding Domovoy.sln), found from the test binaries.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Domovoy.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Domovoy.sln not found above " + AppContext.BaseDirectory);
    }
}
