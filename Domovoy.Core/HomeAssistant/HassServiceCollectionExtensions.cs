using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Scheduling;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.HomeAssistant.Apps;
using Domovoy.Core.HomeAssistant.State;
using Domovoy.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant;

/// <summary>Registers the Home Assistant integration.</summary>
public static class HassServiceCollectionExtensions
{
    /// <summary>
    /// Registers the WebSocket client, the state cache (as the engine's <c>IHassEventSource</c>), the Hass plugin
    /// factory (<c>IAppHassFactory</c>) and a hosted service that runs the connection loop.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Fills the options (from config.yml <c>hass: {url, token}</c>).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDomovoyHomeAssistant(this IServiceCollection services, Action<HassClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new HassClientOptions();
        configure(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(sp => new HassWebSocketClient(sp.GetRequiredService<HassClientOptions>(), sp.GetRequiredService<ILogger<HassWebSocketClient>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new HassStateCache(sp.GetRequiredService<ILogger<HassStateCache>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new HassStateSynchronizer(sp.GetRequiredService<HassWebSocketClient>(), sp.GetRequiredService<HassStateCache>(), sp.GetRequiredService<ILogger<HassStateSynchronizer>>()));
        services.AddSingleton<IHassEventSource>(sp => sp.GetRequiredService<HassStateCache>());
        services.AddSingleton<IAppHassFactory>(sp => new AppHassFactory(sp.GetRequiredService<HassWebSocketClient>(), sp.GetRequiredService<HassStateCache>()));
        services.TryAddSingleton<ReportedLocationProvider>();
        services.AddSingleton<IAppStartGate>(sp => new HassStartGate(sp.GetRequiredService<HassWebSocketClient>(), sp.GetRequiredService<ReportedLocationProvider>(), sp.GetRequiredService<ILogger<HassStartGate>>()));
        services.AddHostedService<HassConnectionService>();
        return services;
    }
}
