using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.HomeAssistant;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.HomeAssistant.Apps;
using Domovoy.Core.HomeAssistant.State;
using Domovoy.Core.Hosting;
using Domovoy.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Domovoy.Core.Tests.HomeAssistant;

[TestClass]
public sealed class HassServiceCollectionTests
{
    [TestMethod]
    public async Task Registers_client_cache_factory_and_a_connection_loop_that_reaches_ready()
    {
        await using var sim = await HomeAssistantSimulator.StartAsync(new SimulatorOptions { Port = 0 });
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddDomovoyHomeAssistant(o =>
        {
            o.Uri = sim.WebSocketUri;
            o.AccessToken = sim.AccessToken;
        });
        using var host = builder.Build();
        var cache = host.Services.GetRequiredService<HassStateCache>();
        Assert.AreSame(cache, host.Services.GetRequiredService<IHassEventSource>());
        Assert.IsInstanceOfType<AppHassFactory>(host.Services.GetRequiredService<IAppHassFactory>());

        await host.StartAsync();
        await host.Services.GetRequiredService<HassWebSocketClient>().Ready.WaitAsync(SimulatorHarness.Patience);
        Assert.IsGreaterThan(0, cache.Count);
        await host.StopAsync();
    }

    [TestMethod]
    public async Task Rejected_token_stops_the_host()
    {
        await using var sim = await HomeAssistantSimulator.StartAsync(new SimulatorOptions { Port = 0 });
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddDomovoyHomeAssistant(o =>
        {
            o.Uri = sim.WebSocketUri;
            o.AccessToken = "bad";
            o.AuthFailureExitCode = 0;
        });
        using var host = builder.Build();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());

        await host.StartAsync();
        await stopping.Task.WaitAsync(SimulatorHarness.Patience);
        var service = host.Services.GetServices<IHostedService>().OfType<HassConnectionService>().Single();
        Assert.IsInstanceOfType<HassAuthenticationException>(service.FatalError);
        Assert.AreEqual(1, sim.FailedLogins);
        await host.StopAsync();
    }
}
