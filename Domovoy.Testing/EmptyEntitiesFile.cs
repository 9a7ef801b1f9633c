namespace Domovoy.Testing;

/// <summary>An entities file with no entities, so a home starts with exactly the entities its test adds (not the simulator's demo home).</summary>
internal static class EmptyEntitiesFile
{
    private static readonly Lazy<string> File = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => File.Value;

    private static string Create()
    {
        // One per process: another process may be writing its own copy at the same moment.
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"domovoy-testing-empty-{Environment.ProcessId}.json");
        System.IO.File.WriteAllText(path, "[]");
        return path;
    }
}
