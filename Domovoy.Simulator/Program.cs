using System.Globalization;
using Domovoy.Simulator;
using Microsoft.Extensions.Logging;

// Standalone: dotnet run --project Domovoy.Simulator -- [--port 8123] [--token T] [--entities file.yaml] [--ha-version V] [--commands-on-stdin]
var options = new SimulatorOptions
{
    Port = 8123,
    ConfigureLogging = logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning),
};
var commandsOnStdin = false;
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--port":
            options.Port = int.Parse(Value(), CultureInfo.InvariantCulture);
            break;
        case "--token":
            options.AccessToken = Value();
            break;
        case "--entities":
            options.EntitiesFile = Value();
            break;
        case "--ha-version":
            options.HaVersion = Value();
            break;
        case "--commands-on-stdin":
            commandsOnStdin = true;
            break;
        case "-h" or "--help":
            Console.WriteLine("Usage: Domovoy.Simulator [--port 8123] [--token sim-token] [--entities file.yaml|file.json] [--ha-version 2025.1.0] [--commands-on-stdin]");
            Console.WriteLine("  --commands-on-stdin: read 'drive PREFIX ENTITIES RATE COUNT' and 'set ENTITY STATE' lines (load generation for benchmarks)");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown argument {args[i]} (try --help)");
            return 2;
    }
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

await using var simulator = await HomeAssistantSimulator.StartAsync(options, stop.Token);
Console.WriteLine($"Home Assistant simulator (ha_version {options.HaVersion}) listening on {simulator.BaseUri}");
Console.WriteLine($"WebSocket: {simulator.WebSocketUri}  token: {simulator.AccessToken}");
Console.WriteLine("Press Ctrl+C to stop.");
if (commandsOnStdin)
{
    _ = StdinCommands.RunAsync(simulator, stop.Token);
}
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
