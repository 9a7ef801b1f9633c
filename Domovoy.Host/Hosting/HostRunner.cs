using Domovoy.Core.HomeAssistant;
using Domovoy.Core.Hosting;
using Domovoy.Core.Plugins;
using Domovoy.Host.Admin;
using Domovoy.Host.Configuration;
using Domovoy.Host.HomeAssistant;
using Domovoy.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Domovoy.Host.Hosting;

/// <summary>The <c>run</c> command: the host with its engine, plugins and (when no hass.url is set) the embedded simulator.</summary>
internal static class HostRunner
{
    /// <summary>Runs until SIGINT/SIGTERM, then ends the process with an <see cref="ExitCodes"/> value.</summary>
    /// <param name="configPath">The config.yml path, as given.</param>
    /// <param name="config">The loaded configuration.</param>
    /// <param name="configureServices">More services to run beside the host (e.g. <c>watch</c>'s compile loop).</param>
    public static async Task<int> RunAsync(string configPath, HostConfig config, Action<IServiceCollection>? configureServices = null)
    {
        // An app that blocks a pool thread (Thread.Sleep, sync I/O in a callback) must not starve the host's own work: the Home
        // Assistant reader and every other app's queue run on the same pool, which otherwise grows only about one thread a second.
        ThreadPool.GetMinThreads(out var workerThreads, out var ioThreads);
        ThreadPool.SetMinThreads(Math.Max(workerThreads, 32), ioThreads);

        HomeAssistantSimulator? simulator = null;
        var exitCode = ExitCodes.Success;
        if (config.HassUrl is null)
        {
            simulator = await EmbeddedSimulator.StartAsync(config, CancellationToken.None).ConfigureAwait(false);
        }

        try
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Path.GetDirectoryName(Path.GetFullPath(configPath)) });
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
            builder.Logging.SetMinimumLevel(config.LogLevel);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
            builder.Services.AddSystemd();
            // Apps stop within the finalize timeout (then they are abandoned); the watchdog ends the process 5 s after that
            // whatever an app's threads do, so SIGTERM always exits within finalize_timeout_s + 5 s.
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = config.FinalizeTimeout + TimeSpan.FromSeconds(3));
            builder.Services.AddHostedService(sp => new ShutdownWatchdog(
                sp.GetRequiredService<IHostApplicationLifetime>(),
                sp.GetRequiredService<ILogger<ShutdownWatchdog>>(),
                config.FinalizeTimeout + TimeSpan.FromSeconds(4.5)));
            builder.Services.AddDomovoyHomeAssistant(o =>
            {
                o.Uri = simulator?.WebSocketUri ?? config.HassUrl;
                o.AccessToken = simulator?.AccessToken ?? config.HassToken ?? string.Empty;
                o.AuthFailureExitCode = ExitCodes.AuthenticationFailed;
                o.TokenSource = simulator is null ? config.HassTokenSource : "the embedded simulator";
            });
            builder.Services.AddDomovoyEngine(o =>
            {
                o.PluginsPath = config.PluginsPath;
                o.TimeZone = config.TimeZone;
                o.ReloadDebounce = config.ReloadDebounce;
                o.FinalizeTimeout = config.FinalizeTimeout;
                o.MisfireGrace = config.MisfireGrace;
                o.Latitude = config.Latitude;
                o.Longitude = config.Longitude;
                o.Elevation = config.Elevation;
            });
            builder.AddDomovoyAdmin(config);

            configureServices?.Invoke(builder.Services);
            using var host = builder.Build();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Domovoy.Host");
            if (simulator is not null)
            {
                EmbeddedSimulator.LogPortFallback(logger, config, simulator);
                logger.LogInformation(
                    "No hass.url in {Config}: running against a simulated Home Assistant at {Url} (token {Token}). Poke it with: curl -X POST -H \"Authorization: Bearer {Token}\" -d '{{\"state\":\"on\"}}' {Url}api/states/binary_sensor.hallway_motion",
                    configPath, simulator.BaseUri, simulator.AccessToken, simulator.AccessToken, simulator.BaseUri);
            }
            else
            {
                logger.LogInformation("Connecting to Home Assistant at {Url}", config.HassUrl);
            }

            var plugins = host.Services.GetRequiredService<PluginManager>();
            await host.RunAsync().ConfigureAwait(false);
            exitCode = Environment.ExitCode != 0 ? Environment.ExitCode : ShutdownReport.Write(plugins.ShutdownOutcomes, logger);
        }
        finally
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }
        }

        // Environment.Exit, not return: a plugin's foreground thread would otherwise keep the process alive forever.
        Environment.Exit(exitCode);
        return exitCode;
    }
}
