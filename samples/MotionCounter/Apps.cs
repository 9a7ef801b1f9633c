using Domovoy.Abstractions;

namespace Domovoy.Samples.MotionCounter;

/// <summary>Registers this plugin's apps.</summary>
public sealed class Apps : IAppRegistrar
{
    /// <inheritdoc />
    public void Register(IAppRegistry apps)
        => apps.Register<MotionCounterApp, MotionCounterConfig>("motion_counter", new MotionCounterConfig
        {
            Sensors = [Entities.BinarySensor.HallwayMotion, Entities.BinarySensor.KitchenMotion],
        });
}
