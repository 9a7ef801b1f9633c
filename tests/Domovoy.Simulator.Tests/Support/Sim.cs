namespace Domovoy.Simulator.Tests.Support;

/// <summary>Starts a simulator on a free port with the demo home.</summary>
internal static class Sim
{
    public static Task<HomeAssistantSimulator> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions();
        configure?.Invoke(options);
        return HomeAssistantSimulator.StartAsync(options);
    }

    public static CancellationToken Timeout() => new CancellationTokenSource(WsTestClient.Timeout).Token;
}
