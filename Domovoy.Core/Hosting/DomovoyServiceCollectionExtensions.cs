using Domovoy.Abstractions;
using Domovoy.Core.Apps.Engine;
using Domovoy.Core.Apps.Registration;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Plugins;
using Domovoy.Core.Plugins.Watching;
using Domovoy.Core.Plugins.Loading;
using Domovoy.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Domovoy.Core.Hosting;

/// <summary>Registers the Domovoy engine (app engine, plugin loading and hot reload) in a host.</summary>
public static class DomovoyServiceCollectionExtensions
{
    /// <summary>Adds the app engine and the plugin manager (a hosted service watching the plugins folder).</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the engine options.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddDomovoyEngine(this IServiceCollection services, Action<DomovoyOptions> configure)
    {
        services.AddOptions<DomovoyOptions>()
            .Configure(configure)
            .Validate(o => o.MisfireGrace >= TimeSpan.FromSeconds(1), "DomovoyOptions.MisfireGrace (config.yml misfire_grace_s) must be at least 1 second: timers and app queues can be that late on a busy machine.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IValidateOptions<AppConfigBase>, AppConfigValidator>();
        services.TryAddSingleton<PluginVersionLoader>();
        services.TryAddSingleton<ReportedLocationProvider>();
        services.TryAddSingleton<ILocationProvider>(sp => new OptionsLocationProvider(
            sp.GetRequiredService<IOptions<DomovoyOptions>>().Value,
            sp.GetRequiredService<ReportedLocationProvider>()));
        services.TryAddSingleton(sp => new AppEngine(
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<IOptions<DomovoyOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILocationProvider>(),
            sp.GetService<IHassEventSource>(),
            sp.GetService<IAppHassFactory>(),
            sp.GetService<IAppStartGate>()));
        services.TryAddSingleton<PluginWriteSignal>();
        services.TryAddSingleton<PluginManager>();
        services.AddHostedService(sp => sp.GetRequiredService<PluginManager>());
        return services;
    }
}
