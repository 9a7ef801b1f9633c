using Domovoy.Core.HomeAssistant;
using Domovoy.Core.Hosting;
using Domovoy.Host.Configuration;
using Domovoy.Host.HomeAssistant;
using Domovoy.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var configPath = ParseConfigArgument(args);
if (configPath is null)
{
    Console.Error.WriteLine("Usage: domovoy --config <config.yml>   (or run it in a folder that has a config.yml)");
    return 2;
}

HostConfig config;
try
{
    config = HostConfigLoader.Load(configPath);
}
catch (HostConfigException ex)
{
    Console.Error.WriteLine($"Invalid configuration: {ex.Message}");
    return 2;
}

HomeAssistantSimulator? simulator = null;
if (config.HassUrl is null)
{
    simulator = await EmbeddedSimulator.StartAsync(config, CancellationToken.None).ConfigureAwait(false);
}

try
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Path.GetDirectoryName(Path.GetFullPath(configPath)) });
    builder.Logging.ClearProviders();
    builder.Logging.AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.TimestampFormat = "HH:mm:ss.fff ";
    });
    builder.Logging.SetMinimumLevel(config.LogLevel);
    builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
    builder.Services.AddSystemd();
    builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = config.FinalizeTimeout + TimeSpan.FromSeconds(20));
    builder.Services.AddDomovoyHomeAssistant(o =>
    {
        o.Uri = simulator?.WebSocketUri ?? config.HassUrl;
        o.AccessToken = simulator?.AccessToken ?? config.HassToken ?? string.Empty;
    });
    builder.Services.AddDomovoyEngine(o =>
    {
        o.PluginsPath = config.PluginsPath;
        o.TimeZone = config.TimeZone;
        o.ReloadDebounce = config.ReloadDebounce;
        o.FinalizeTimeout = config.FinalizeTimeout;
        o.Latitude = config.Latitude;
        o.Longitude = config.Longitude;
        o.Elevation = config.Elevation;
    });

    using var host = builder.Build();
    var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Domovoy.Host");
    if (simulator is not null)
    {
        logger.LogInformation(
            "No hass.url in {Config}: running against a simulated Home Assistant at {Url} (token {Token}). Poke it with: curl -X POST -H \"Authorization: Bearer {Token}\" -d '{{\"state\":\"on\"}}' {Url}api/states/binary_sensor.hallway_motion",
            configPath, simulator.BaseUri, simulator.AccessToken, simulator.AccessToken, simulator.BaseUri);
    }
    else
    {
        logger.LogInformation("Connecting to Home Assistant at {Url}", config.HassUrl);
    }

    await host.RunAsync().ConfigureAwait(false);
}
finally
{
    if (simulator is not null)
    {
        await simulator.DisposeAsync().ConfigureAwait(false);
    }
}

// Non-zero when the host stopped on a fatal error (e.g. Home Assistant rejected the token).
return Environment.ExitCode;

static string? ParseConfigArgument(string[] args)
{
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] is "--config" or "-c")
        {
            return i + 1 < args.Length ? args[i + 1] : null;
        }

        if (args[i].StartsWith("--config=", StringComparison.Ordinal))
        {
            return args[i]["--config=".Length..];
        }
    }

    return File.Exists("config.yml") ? "config.yml" : null;
}
