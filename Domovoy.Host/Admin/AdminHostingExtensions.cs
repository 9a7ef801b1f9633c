using Domovoy.Core;
using Domovoy.Core.Apps.Engine;
using Domovoy.Core.Plugins;
using Domovoy.Host.Admin.Logs;
using Domovoy.Host.Admin.Security;
using Domovoy.Host.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Domovoy.Host.Admin;

/// <summary>Wires the status page, admin API, live log and metrics into the host (one call next to AddDomovoyEngine).</summary>
internal static class AdminHostingExtensions
{
    /// <summary>
    /// Applies the disabled apps of the state file to the engine and, when <c>admin.enabled</c>, adds the live log
    /// provider and the status page server. Call after the logging providers are set up (it adds one).
    /// </summary>
    public static IHostApplicationBuilder AddDomovoyAdmin(this IHostApplicationBuilder builder, HostConfig config)
    {
        builder.Services.Configure<DomovoyOptions>(o => o.DisabledApps.UnionWith(config.DisabledApps));
        if (!config.Admin.Enabled)
        {
            return builder;
        }

        var logs = new LiveLogStore(TimeProvider.System);
        builder.Logging.AddProvider(new LiveLogProvider(logs));
        builder.Services.AddSingleton(sp => new AdminServer(
            config.Admin,
            simulatedHomeAssistant: config.HassUrl is null,
            config.StateFilePath,
            AdminToken.From(config.Admin.Token),
            logs,
            sp.GetRequiredService<AppEngine>(),
            sp.GetRequiredService<PluginManager>(),
            sp,
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AdminServer>());
        return builder;
    }
}
