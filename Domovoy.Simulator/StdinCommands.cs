using System.Diagnostics;
using System.Globalization;

namespace Domovoy.Simulator;

/// <summary>
/// Commands a benchmark or script sends the standalone simulator on standard input (option --commands-on-stdin), one
/// per line, each answered with one line on standard output:
/// <list type="bullet">
/// <item><c>drive PREFIX ENTITIES RATE COUNT</c>: COUNT state changes at RATE per second over PREFIX0 … PREFIX(ENTITIES-1),
/// visiting the entities with a prime stride so each is changed equally often; each new state is the monotonic clock
/// (<see cref="Stopwatch.GetTimestamp"/>, system-wide on Linux) when the change was made, so a reader on the same
/// machine can compute its latency. Answers <c>drove COUNT LATE_MS</c> (how far the pacing fell behind at most).</item>
/// <item><c>set ENTITY STATE</c>: one state change. Answers <c>set ENTITY</c>.</item>
/// </list>
/// </summary>
internal static class StdinCommands
{
    private const int Stride = 7_919;

    public static async Task RunAsync(HomeAssistantSimulator simulator, CancellationToken cancellationToken)
    {
        while (await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (parts)
            {
                case ["drive", var prefix, var entities, var rate, var count]:
                    var late = await Task.Factory.StartNew(
                        () => Drive(simulator, prefix, Parse(entities), Parse(rate), Parse(count)),
                        cancellationToken,
                        TaskCreationOptions.LongRunning,
                        TaskScheduler.Default).ConfigureAwait(false);
                    Console.WriteLine($"drove {count} {late.ToString("0.0", CultureInfo.InvariantCulture)}");
                    break;
                case ["set", var entity, var state]:
                    await simulator.SetStateAsync(entity, state).ConfigureAwait(false);
                    Console.WriteLine($"set {entity}");
                    break;
                default:
                    Console.WriteLine($"error unknown command '{line}' (drive PREFIX ENTITIES RATE COUNT | set ENTITY STATE)");
                    break;
            }
        }
    }

    private static int Parse(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Paced on one thread; sleeps (never spins) between changes. Returns the largest lag behind schedule in ms.</summary>
    private static double Drive(HomeAssistantSimulator simulator, string prefix, int entities, int rate, int count)
    {
        var ids = Enumerable.Range(0, entities).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var start = Stopwatch.GetTimestamp();
        long worst = 0;
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            }

            var now = Stopwatch.GetTimestamp();
            worst = Math.Max(worst, now - due);
            _ = simulator.SetStateAsync(ids[(int)((long)i * Stride % entities)], now.ToString(CultureInfo.InvariantCulture));
        }

        return worst * 1000d / Stopwatch.Frequency;
    }
}
