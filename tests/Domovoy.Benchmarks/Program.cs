using Domovoy.Benchmarks;

var suite = args.Length > 0 ? args[0] : "reload";
var repositoryRoot = RepositoryRoot.Find();
switch (suite)
{
    case "reload":
        await ReloadBenchmark.RunAsync(repositoryRoot, args.Skip(1).ToArray());
        return 0;
    default:
        Console.Error.WriteLine($"Unknown suite '{suite}'. Suites: reload");
        return 2;
}
