using System.Diagnostics;
using System.Globalization;
using Domovoy.Samples.MotionLights;
using Domovoy.Testing;

namespace Domovoy.Benchmarks;

/// <summary>
/// Issue 12: how long a Domovoy.Testing behaviour test takes. One test = start a home (simulator, client, engine, the
/// MotionLights plugin's two apps), motion on, motion off, advance past the off-delay, assert the light is off, dispose.
/// The first test of the process pays JIT and Kestrel's start-up; the figure that matters is every test after it, and 50
/// of them in a row (a test project's worth), sequentially and two at a time (MSTest's method-level parallelism on 2 cores).
/// </summary>
internal static class TestingBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        Console.WriteLine($"# Domovoy.Testing benchmark ({Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {SchedulerBenchmark.LoadAverage()})");

        var first = Stopwatch.StartNew();
        await BehaviourTestAsync();
        Console.WriteLine($"first test in the process: {Stats.Ms(first.Elapsed.TotalMilliseconds)}");

        for (var round = 1; round <= rounds; round++)
        {
            var each = new List<double>(count);
            var all = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var one = Stopwatch.StartNew();
                await BehaviourTestAsync();
                each.Add(one.Elapsed.TotalMilliseconds);
            }

            var sequential = all.Elapsed;
            all.Restart();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) < count)
                {
                    await BehaviourTestAsync();
                }
            })));
            var parallel = all.Elapsed;
            Console.WriteLine(
                $"round {round}: {count} tests sequential {sequential.TotalSeconds:0.00} s (per test p50 {Stats.Ms(Stats.Percentile(each, 50))}, p95 {Stats.Ms(Stats.Percentile(each, 95))}, max {Stats.Ms(each.Max())}); two at a time {parallel.TotalSeconds:0.00} s; load average {SchedulerBenchmark.LoadAverage()}");
        }
    }

    private static async Task BehaviourTestAsync()
    {
        await using var home = await DomovoyTestHome.StartAsync(h => h
            .WithEntity("binary_sensor.hallway_motion", "off")
            .WithEntity("binary_sensor.kitchen_motion", "off")
            .WithEntity("light.hallway", "off")
            .WithEntity("light.kitchen", "off")
            .AddRegistrar<Apps>());
        await home.SetStateAsync("binary_sensor.hallway_motion", "on");
        home.AssertState("light.hallway", "on");
        await home.SetStateAsync("binary_sensor.hallway_motion", "off");
        await home.AdvanceAsync(TimeSpan.FromSeconds(30));
        home.AssertServiceCalled("light", "turn_off", "light.hallway", app: "hallway_lights");
        home.AssertState("light.hallway", "off");
    }
}
