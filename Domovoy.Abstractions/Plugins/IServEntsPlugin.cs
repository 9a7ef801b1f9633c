namespace Domovoy.Abstractions;

/// <summary>
/// Creates real Home Assistant entities (sensors, switches, numbers, selects, buttons) through the ServEnts integration.
/// Entities are keyed by their servent id (<c>{app}-{id}</c>), so creating them again (every InitializeAsync after a
/// reload) reconfigures the existing entity and keeps its state: create entities unconditionally in InitializeAsync.
/// </summary>
/// <example>
/// <code>
/// var count = await ServEnts.CreateSensorAsync("motion_count", "Motion Count", new() { StateClass = "total_increasing", DefaultState = 0 }, ct);
/// await count.SetToAsync(42, cancellationToken: ct);
/// </code>
/// </example>
public partial interface IServEntsPlugin
{
    /// <summary>The device new entities belong to unless their options name one.</summary>
    ServEntDevice DefaultDevice { get; }

    /// <summary>Replaces the app's default device for entities created afterwards.</summary>
    /// <param name="device">The device.</param>
    void SetDefaultDevice(ServEntDevice device);

    /// <summary>Renames the app's default device for entities created afterwards (entity ids already assigned stay).</summary>
    /// <param name="name">The device name.</param>
    void UpdateDefaultDeviceName(string name);

    /// <summary>Creates (or reconfigures) a sensor.</summary>
    /// <param name="id">The app-local id, e.g. <c>temperature</c>.</param>
    /// <param name="name">The entity name; the entity id is derived from the device name and this.</param>
    /// <param name="options">Device class, unit, state class, enum options, default state and the common options.</param>
    /// <param name="cancellationToken">Cancels the call and the wait for creation.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="ServEntException">The options are invalid or the entity did not appear in time.</exception>
    /// <exception cref="HassCommandException">Home Assistant rejected the call (e.g. ServEnts is not installed).</exception>
    Task<IServEntSensor> CreateSensorAsync(string id, string name, SensorOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates (or reconfigures) a binary sensor.</summary>
    /// <param name="id">The app-local id.</param>
    /// <param name="name">The entity name.</param>
    /// <param name="options">Device class, default state and the common options.</param>
    /// <param name="cancellationToken">Cancels the call and the wait for creation.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="ServEntException">The options are invalid or the entity did not appear in time.</exception>
    Task<IServEntBinarySensor> CreateBinarySensorAsync(string id, string name, BinarySensorOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates (or reconfigures) a switch users can flip in Home Assistant.</summary>
    /// <param name="id">The app-local id.</param>
    /// <param name="name">The entity name.</param>
    /// <param name="options">Device class, default state and the common options.</param>
    /// <param name="cancellationToken">Cancels the call and the wait for creation.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="ServEntException">The options are invalid or the entity did not appear in time.</exception>
    Task<IServEntSwitch> CreateSwitchAsync(string id, string name, SwitchOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates (or reconfigures) a number users can change in Home Assistant.</summary>
    /// <param name="id">The app-local id.</param>
    /// <param name="name">The entity name.</param>
    /// <param name="options">Mode, bounds, step, unit, default value and the common options.</param>
    /// <param name="cancellationToken">Cancels the call and the wait for creation.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="ServEntException">The options are invalid or the entity did not appear in time.</exception>
    Task<IServEntNumber> CreateNumberAsync(string id, string name, NumberOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates (or reconfigures) a select users can change in Home Assistant.</summary>
    /// <param name="id">The app-local id.</param>
    /// <param name="name">The entity name.</param>
    /// <param name="selectOptions">The options to choose from (at least one).</param>
    /// <param name="options">Default option and the common options.</param>
    /// <param name="cancellationToken">Cancels the call and the wait for creation.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="ServEntException">The options are invalid or the entity did not appear in time.</exception>
    Task<IServEntSelect> CreateSelectAsync(string id, string name, IReadOnlyList<string> selectOptions, SelectOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates (or reconfigures) a button whose press fires the Home Assistant event <c>servent.{app}.{eventName}</c>
    /// (its servent id is <c>{app}-{app}.{eventName}</c>). Use <see cref="ListenButtonPressAsync"/> to also listen.
    /// </summary>
    /// <param name="name">The entity name.</param>
    /// <param name="eventName">The event name, e.g. <c>counter_reset</c>.</param>
    /// <param name="options">Event data, device class and the common options.</param>
    /// <param name="cancellationToken">Cancels the call and the wait for creation.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="ServEntException">The options are invalid or the entity did not appear in time.</exception>
    Task<IServEntButton> CreateButtonAsync(string name, string eventName, ButtonOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a button (as <see cref="CreateButtonAsync"/>) and calls <paramref name="callback"/> on the app's queue each
    /// time it is pressed. The listener belongs to the app and is removed before finalize.
    /// </summary>
    /// <param name="name">The entity name, e.g. <c>Reset Counter</c>.</param>
    /// <param name="eventName">The event name, e.g. <c>counter_reset</c>.</param>
    /// <param name="callback">Receives the press.</param>
    /// <param name="options">Event data, device class and the common options.</param>
    /// <param name="cancellationToken">Cancels the call and the wait for creation.</param>
    /// <param name="callbackName">A name for logs and statistics.</param>
    /// <returns>The listener's id.</returns>
    /// <exception cref="ServEntException">The options are invalid or the entity did not appear in time.</exception>
    Task<CallbackId> ListenButtonPressAsync(string name, string eventName, Func<ButtonPress, CancellationToken, Task> callback, ButtonOptions? options = null, CancellationToken cancellationToken = default, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(callback))] string? callbackName = null);

    /// <summary>
    /// Creates the "Restart App" button (device class <c>restart</c>, diagnostic, disabled by default; enable it in Home
    /// Assistant) whose press restarts only this app.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The listener's id.</returns>
    Task<CallbackId> EnableReloadButtonAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates (or reconfigures) a binary sensor that Home Assistant keeps on while <paramref name="source"/> is past the
    /// thresholds in <paramref name="options"/>.
    /// </summary>
    /// <param name="id">The app-local id.</param>
    /// <param name="name">The entity name.</param>
    /// <param name="source">The numeric entity to watch.</param>
    /// <param name="options">Lower and/or upper bound, hysteresis and the common options.</param>
    /// <param name="cancellationToken">Cancels the call and the wait for creation.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="ServEntException">Neither bound is set, or the entity did not appear in time.</exception>
    Task<IServEntThresholdBinarySensor> CreateThresholdBinarySensorAsync(string id, string name, EntityId source, ThresholdOptions options, CancellationToken cancellationToken = default);
}
