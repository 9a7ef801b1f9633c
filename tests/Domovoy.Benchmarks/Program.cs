using Domovoy.Benchmarks;

// dotnet run -c Release --project tests/Domovoy.Benchmarks -- <suite> [arguments]
//   reload    [latencyCycles=50] [memoryCycles=500]
//   hass      [events=100000] [pacedRates=200,2000] [rounds=3]   (issue 3 §7: throughput, latency, host RSS)
//   scheduler [timers=10000] [seconds=20]                       (issue 4: timers, listener curve)
//   testing   [tests=50] [rounds=3]                             (issue 12: Domovoy.Testing behaviour tests)
//   codegen   [runs=10] [buildRounds=4, 0 = in-process only]     (issue 11: 5,000-entity generation, in-process and real build)
//   peer      [events=100000] [rounds=5]                         (issue 14: raw / NetDaemon.Client / ours; NetDaemon only with -p:NetDaemonClientProject=… -p:NetDaemonContender=…)
//   scale     [apps=200] [entities=5000] [rate=1000] [seconds=30] [variants=free,pinned,spinning]
//             (issue 14: N apps × M entities, out-of-process simulator; variant raw = a bare ClientWebSocket process instead of the host)
//   watch     [edits=20] [modes=domovoy-watch,dotnet-watch-build] (issue 15: save → app initialized, watch RSS)

var suite = args.Length > 0 ? args[0] : "reload";
if (suite == "scale-raw-client")
{
    // Started by the scale suite's raw variant as its own process.
    await ScaleRawClient.RunAsync(args[1..]);
    return 0;
}

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
    case "watch":
        await WatchBenchmark.RunAsync(repositoryRoot, rest);
        return 0;
    case "scheduler":
        await SchedulerBenchmark.RunAsync(rest);
        return 0;
    case "testing":
        await TestingBenchmark.RunAsync(rest);
        return 0;
    case "codegen":
        await CodegenBenchmark.RunAsync(repositoryRoot, rest);
        return 0;
    case "peer":
        await PeerBenchmark.RunAsync(rest);
        return 0;
    case "scale":
        await ScaleBenchmark.RunAsync(repositoryRoot, rest);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown suite '{suite}'. Suites: reload, hass, scheduler, testing, codegen, peer, scale, watch");
        return 2;
}
