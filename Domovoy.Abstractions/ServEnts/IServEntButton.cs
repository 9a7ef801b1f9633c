namespace Domovoy.Abstractions;

/// <summary>A button created through ServEnts; a press fires the Home Assistant event <see cref="EventType"/>.</summary>
public interface IServEntButton : IServEntEntity
{
    /// <summary>The Home Assistant event type a press fires, e.g. <c>servent.my_app.counter_reset</c>.</summary>
    string EventType { get; }

    /// <summary>A typed id (its state is the time of the last press).</summary>
    /// <returns>The entity.</returns>
    /// <exception cref="ServEntException">The entity does not exist yet (a disabled button never does).</exception>
    ButtonEntity GetEntity();
}
