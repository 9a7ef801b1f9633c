using Domovoy.Watch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Domovoy.Host.Watching;

/// <summary>Wires <c>domovoy watch</c>'s compile loop into a host that runs the Domovoy engine.</summary>
internal static class WatchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the compile loop for <paramref name="options"/>' projects as a hosted service. Call
    /// <see cref="MsBuildRegistration.EnsureRegistered"/> before the host is built.
    /// </summary>
    public static IServiceCollection AddDomovoyWatch(this IServiceCollection services, WatchOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WatchService>();
        services.AddHostedService(sp => sp.GetRequiredService<WatchService>());
        return services;
    }
}
