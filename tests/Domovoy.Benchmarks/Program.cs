using Domovoy.Benchmarks;

var suite = args.Length > 0 ? args[0] : "reload";
var repositoryRoot = RepositoryRoot.Find();
var rest = args.Skip(1).ToArray();
switch (suite)
{
    case "reload":
        await ReloadBenchmark.RunAsync(repositoryRoot, rest);
        return 0;
    case "hass":
        await HassBenchmark.RunAsync(repositoryRoot, rest);
        return 0;
    case "scheduler":
        await SchedulerBenchmark.RunAsync(rest);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown suite '{suite}'. Suites: reload, hass, scheduler");
        return 2;
}
