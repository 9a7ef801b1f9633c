using System.Net;
using System.Net.Sockets;
using Domovoy.Tests.Shared;

namespace Domovoy.Core.Tests.Host;

/// <summary>The real host executable falls back to a free simulator port when the configured one is taken, and says so.</summary>
[TestClass]
[DoNotParallelize]
public sealed class EmbeddedSimulatorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task A_taken_simulator_port_is_reported_naming_the_configured_and_the_chosen_port()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var dir = Directory.CreateTempSubdirectory("domovoy-host-test").FullName;
        var config = Path.Combine(dir, "config.yml");
        File.WriteAllText(config, $"plugins: ./plugins\nsimulator:\n  port: {port}\n");

        using (var host = ProcessOutput.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "Domovoy.Host.dll"), "--config", config], dir, new Dictionary<string, string>()))
        {
            var started = await host.WaitForLineAsync("running against a simulated Home Assistant", Patience);
            var warning = await host.WaitForLineAsync($"Simulator port {port} (simulator.port in config.yml) is taken", Patience);
            var chosen = new Uri(started[started.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0]).Port;
            Assert.AreNotEqual(port, chosen);
            StringAssert.Contains(warning, $"listens on port {chosen} instead");
            Assert.AreEqual(1, host.Count("is taken by another program"));
            await host.TerminateAsync();
            await host.WaitForExitAsync(Patience);
        }

        Directory.Delete(dir, recursive: true);
    }
}
