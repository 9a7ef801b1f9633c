using Domovoy.Core;
using Domovoy.Core.Hosting;
using Domovoy.Host.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var configPath = ParseConfigArgument(args);
if (configPath is null)
{
    Console.Error.WriteLine("Usage: Domovoy.Host --config <config.yml>");
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
builder.Services.AddDomovoyEngine(o =>
{
    o.PluginsPath = config.PluginsPath;
    o.TimeZone = config.TimeZone;
    o.ReloadDebounce = config.ReloadDebounce;
    o.FinalizeTimeout = config.FinalizeTimeout;
});

using var host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
return 0;

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
