using Domovoy.Core.HomeAssistant.Client;

namespace Domovoy.Core.Tests.HomeAssistant;

[TestClass]
public sealed class HassBackoffTests
{
    [TestMethod]
    public void Backoff_doubles_from_1_s_caps_at_60_s_and_jitters()
    {
        var min = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(60);
        Assert.AreEqual(1.0, HassReconnectPolicy.ComputeBackoff(0, min, max, 0.5).TotalSeconds, 1e-9);
        Assert.AreEqual(2.0, HassReconnectPolicy.ComputeBackoff(1, min, max, 0.5).TotalSeconds, 1e-9);
        Assert.AreEqual(8.0, HassReconnectPolicy.ComputeBackoff(3, min, max, 0.5).TotalSeconds, 1e-9);
        Assert.AreEqual(60.0, HassReconnectPolicy.ComputeBackoff(10, min, max, 0.99).TotalSeconds, 1e-9);
        Assert.AreEqual(60.0, HassReconnectPolicy.ComputeBackoff(int.MaxValue, min, max, 0.99).TotalSeconds, 1e-9);
        Assert.AreEqual(0.8, HassReconnectPolicy.ComputeBackoff(0, min, max, 0).TotalSeconds, 1e-9);
        Assert.AreEqual(48.0, HassReconnectPolicy.ComputeBackoff(10, min, max, 0).TotalSeconds, 1e-9);
    }
}
