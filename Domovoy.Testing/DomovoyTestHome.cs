using Domovoy.Abstractions;
using Domovoy.Core;
using Domovoy.Core.Apps.Engine;
using Domovoy.Core.Apps.Registration;
using Domovoy.Core.HomeAssistant.Apps;
using Domovoy.Core.HomeAssistant.Client;
using Domovoy.Core.HomeAssistant.State;
using Domovoy.Core.Scheduling;
using Domovoy.Simulator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Domovoy.Testing;

/// <summary>
/// A home for one behaviour test: your apps run in the real Domovoy engine, connected through Domovoy's real Home
/// Assistant client (a loopback WebSocket) to an in-process simulated Home Assistant, on a fake clock.
/// </summary>
/// <remarks>
/// <para>Start it with <see cref="StartAsync"/>; drive it with a few verbs (<see cref="SetStateAsync"/>,
/// <see cref="FireEventAsync"/>, <see cref="PressButtonAsync"/>, <see cref="AdvanceAsync"/>,
/// <see cref="RestartHomeAssistantAsync"/>, <see cref="DropConnectionAsync"/>); each returns once every app has
/// finished reacting (their queues are idle and Home Assistant has answered everything they sent), so the test then
/// asserts without waiting: <see cref="AssertServiceCalled"/>, <see cref="AssertState"/>, <see cref="ServiceCalls"/>, …</para>
/// <para>Time only moves when the test advances it. <see cref="AdvanceAsync"/> runs every timer, duration listener,
/// schedule and sun event that falls due, in order, each at its own due time, and lets the apps' queues settle between
/// them. Home Assistant itself answers in real time (milliseconds), so a callback that awaits the fake clock inside
/// itself (e.g. <c>Task.Delay</c> with the app's clock) blocks its queue until the test advances; use timers
/// (<c>Callbacks.RunIn</c>) instead.</para>
/// <para>An exception thrown by an app's callback fails the test's next step with <see cref="AppCallbackException"/>
/// (its inner exception is the app's) unless <see cref="DomovoyTestHomeBuilder.AllowCallbackErrors"/> was set.</para>
/// <para>Not thread-safe: drive one home from one test at a time. Homes are independent, so tests can run in parallel.</para>
/// </remarks>
public sealed partial class DomovoyTestHome : IAsyncDisposable
{
    /// <summary>How long (real time) a verb waits for the apps to settle before failing: a bound for hung apps, not a pace.</summary>
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The longest a single advance may run timers in a row before failing (a timer re-arming itself at the same instant).</summary>
    private const int MaxTimerRounds = 1_000_000;

    private readonly DomovoyTestHomeBuilder _setup;
    private readonly TestClock _clock;
    private readonly HomeAssistantSimulator _simulator;
    private readonly TestLogSink _logs;
    private readonly ILoggerFactory _loggerFactory;
    private readonly HassWebSocketClient _client;
    private readonly HassStateCache _cache;
    private readonly CancellationTokenSource _stop = new();
    private readonly ServiceCallRecorder _calls;
    private readonly Dictionary<string, AppStatus> _status = new(StringComparer.Ordinal);
    private AppEngine? _engine;
    private Task? _connection;
    private long _settledAt = -1;
    private bool _homeAssistantDown;
    private int _reportedErrors;
    private bool _disposed;

    private DomovoyTestHome(DomovoyTestHomeBuilder setup, TestClock clock, HomeAssistantSimulator simulator, TestLogSink logs)
    {
        _setup = setup;
        _clock = clock;
        _simulator = simulator;
        _logs = logs;
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        _calls = new ServiceCallRecorder(clock);
        var logger = _loggerFactory.CreateLogger("Domovoy.HomeAssistant");

        // The client's own timers (command timeouts, heartbeat, reconnect backoff) run on real time: they guard a
        // real socket, and a fake-clock jump of hours must not look like a dead connection.
        _client = new HassWebSocketClient(
            new HassClientOptions
            {
                Uri = simulator.WebSocketUri,
                AccessToken = simulator.AccessToken,
                ReconnectMinDelay = TimeSpan.FromMilliseconds(10),
                ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
                AuthFailureExitCode = 0,
            },
            logger,
            TimeProvider.System);
        _cache = new HassStateCache(logger, clock);
        _ = new HassStateSynchronizer(_client, _cache, logger);
    }

    /// <summary>The fake clock's current time (what the apps see as now).</summary>
    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>The fake clock the apps run on. Prefer <see cref="AdvanceAsync"/>: it also lets the apps react in between.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>
    /// Starts a home: the simulated Home Assistant with the configured entities, the client connected to it, and the
    /// apps, each initialized. Completes once every app is running and idle.
    /// </summary>
    /// <param name="configure">Adds entities and apps, e.g. <c>h =&gt; h.WithEntity("light.hallway", "off").AddRegistrar&lt;Apps&gt;()</c>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running home; dispose it (<c>await using</c>) at the end of the test.</returns>
    /// <exception cref="DomovoyAssertionException">An app's registration or config is invalid, or an app did not reach running (the message has the reason and the app's log).</exception>
    /// <exception cref="AppCallbackException">A callback threw while the apps started.</exception>
    public static async Task<DomovoyTestHome> StartAsync(Action<DomovoyTestHomeBuilder> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var setup = new DomovoyTestHomeBuilder();
        configure(setup);
        var clock = new TestClock(setup.Start);
        clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById(setup.TimeZoneId));
        var simulator = await HomeAssistantSimulator.StartAsync(
            new SimulatorOptions
            {
                Port = 0,
                EntitiesFile = setup.EntitiesFile ?? EmptyEntitiesFile.Path,
                TimeProvider = clock,
                TimeZone = setup.TimeZoneId,
                Latitude = setup.Location.Latitude,
                Longitude = setup.Location.Longitude,
                Elevation = setup.Location.Elevation,
                StartingPhase = TimeSpan.Zero,
            },
            cancellationToken).ConfigureAwait(false);
        var home = new DomovoyTestHome(setup, clock, simulator, new TestLogSink());
        try
        {
            await home.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return home;
        }
        catch
        {
            await home.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sets an entity's state in Home Assistant (creating the entity if needed) and lets the apps react.</summary>
    /// <param name="entityId">The entity id, e.g. <c>binary_sensor.hallway_motion</c>.</param>
    /// <param name="state">The state text, e.g. <c>on</c>.</param>
    /// <param name="attributes">The attributes (an object or dictionary serialized to JSON), or null to keep the current ones.</param>
    /// <returns>A task that completes when the apps are idle.</returns>
    public async Task SetStateAsync(string entityId, string state, object? attributes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityId);
        ArgumentNullException.ThrowIfNull(state);
        await _simulator.SetStateAsync(entityId, state, DomovoyTestHomeBuilder.AttributesOf(attributes)).ConfigureAwait(false);
        await SettleAsync().ConfigureAwait(false);
    }

    /// <summary>Fires an event on Home Assistant's bus and lets the apps react.</summary>
    /// <param name="eventType">The event type, e.g. <c>doorbell_pressed</c>.</param>
    /// <param name="data">The event data (an object or dictionary serialized to JSON), or null.</param>
    /// <returns>A task that completes when the apps are idle.</returns>
    public async Task FireEventAsync(string eventType, object? data = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        await _simulator.FireEventAsync(eventType, data).ConfigureAwait(false);
        await SettleAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Presses a button in Home Assistant (<c>button.press</c>, or <c>input_button.press</c> for input buttons), as a
    /// user would in the UI, and lets the apps react. Works for ServEnts buttons: find their entity id with
    /// <see cref="ServEntEntityId"/>.
    /// </summary>
    /// <param name="entityId">The button's entity id.</param>
    /// <returns>A task that completes when the apps are idle.</returns>
    /// <exception cref="DomovoyAssertionException">Home Assistant rejected the press (e.g. no such button).</exception>
    public async Task PressButtonAsync(string entityId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityId);
        var domain = entityId.StartsWith("input_button.", StringComparison.Ordinal) ? "input_button" : "button";
        try
        {
            await _client.SendCommandAsync("call_service", HassCommandBuilder.CallService(domain, "press", new ServiceTarget { EntityIds = [entityId] }, null, false)).ConfigureAwait(false);
        }
        catch (HassCommandException ex)
        {
            throw Failure($"Pressing {entityId} failed: Home Assistant answered {ex.Message}");
        }

        await SettleAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Moves the fake clock forward by <paramref name="duration"/>, running every timer, duration listener, schedule and
    /// sun event that falls due, in order, each at its due time, and letting the apps react to each before the next.
    /// </summary>
    /// <param name="duration">How far to move (not negative).</param>
    /// <returns>A task that completes when the clock is at the target and the apps are idle.</returns>
    public Task AdvanceAsync(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return AdvanceToAsync(Now + duration);
    }

    /// <summary>Moves the fake clock forward to <paramref name="time"/>, like <see cref="AdvanceAsync"/>.</summary>
    /// <param name="time">The target time (not before <see cref="Now"/>).</param>
    /// <returns>A task that completes when the clock is at the target and the apps are idle.</returns>
    public async Task AdvanceToAsync(DateTimeOffset time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, Now);
        await SettleAsync().ConfigureAwait(false);
        for (var round = 0; ; round++)
        {
            if (round > MaxTimerRounds)
            {
                throw new InvalidOperationException($"Advancing to {time:O} ran more than {MaxTimerRounds} timers; a timer keeps re-arming itself without moving forward.");
            }

            var now = Now;
            var next = _clock.NextDue();
            if (next is not { } due || due > time)
            {
                _clock.Advance(time - now);
                await SettleIfBusyAsync().ConfigureAwait(false);
                if (_clock.NextDue() is not { } after || after > time)
                {
                    return;
                }

                continue;
            }

            _clock.Advance(due > now ? due - now : TimeSpan.Zero);
            await SettleIfBusyAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Restarts Home Assistant: it stops (the connection closes; ServEnts entities become restored placeholders), comes
    /// back, the client reconnects and re-synchronizes, and the apps re-create their ServEnts entities. Apps keep running.
    /// </summary>
    /// <param name="whileDown">Optional work while Home Assistant is down, e.g. <c>() =&gt; home.SetStateAsync("light.hallway", "on")</c>:
    /// such changes reach the apps only through the re-synchronization after the restart, as with a real Home Assistant.</param>
    /// <returns>A task that completes when the client is connected again and the apps are idle.</returns>
    public async Task RestartHomeAssistantAsync(Func<Task>? whileDown = null)
    {
        await SettleAsync().ConfigureAwait(false);
        var readyBefore = _client.ReadyCount;
        var ready = WaitForReadyAsync(readyBefore + 1);
        await _simulator.ShutDownAsync().ConfigureAwait(false);
        _homeAssistantDown = true;
        try
        {
            if (whileDown is not null)
            {
                await whileDown().ConfigureAwait(false);
            }
        }
        finally
        {
            _homeAssistantDown = false;
            await _simulator.StartUpAsync(ReconnectTiming.AfterRunning).ConfigureAwait(false);
        }

        await ready.ConfigureAwait(false);
        await SettleAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Drops the WebSocket connection abruptly (as a network failure would); the client reconnects and re-synchronizes.
    /// </summary>
    /// <returns>A task that completes when the client is connected again and the apps are idle.</returns>
    public async Task DropConnectionAsync()
    {
        await SettleAsync().ConfigureAwait(false);
        var ready = WaitForReadyAsync(_client.ReadyCount + 1);
        _simulator.DropConnections();
        await ready.ConfigureAwait(false);
        await SettleAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until every app is idle: no callback queued or running, no background work, and Home Assistant has
    /// answered everything sent so far (so the events it caused were delivered). Every verb already does this; call it
    /// after driving the apps some other way.
    /// </summary>
    /// <returns>A task that completes when the apps are idle.</returns>
    /// <exception cref="TimeoutException">The apps did not become idle within <see cref="SettleTimeout"/> (a hung callback).</exception>
    /// <exception cref="AppCallbackException">An app's callback threw (unless callback errors are allowed).</exception>
    public async Task SettleAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var engine = _engine;
        if (engine is null || _homeAssistantDown)
        {
            // While Home Assistant is down nothing reaches the apps; they settle after it is back.
            return;
        }

        using var deadline = new CancellationTokenSource(SettleTimeout);
        try
        {
            while (true)
            {
                await engine.Work.WhenIdle.WaitAsync(deadline.Token).ConfigureAwait(false);
                var started = engine.Work.Started;

                // A round trip: Home Assistant answers in order, so the events it sent before the pong were delivered
                // (and queued to the apps) by the time the pong arrives.
                await _client.SendCommandAsync("ping", cancellationToken: deadline.Token).ConfigureAwait(false);
                if (engine.Work.WhenIdle.IsCompleted && engine.Work.Started == started)
                {
                    _settledAt = started;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"The apps did not become idle within {SettleTimeout.TotalSeconds} s of real time. A callback is hung, or awaits the fake clock inside itself (advance the clock from the test, or use Callbacks.RunIn instead of a delay).\n{Describe()}");
        }

        ThrowIfCallbackErrors();
    }

    /// <summary>Stops the apps (FinalizeAsync runs), the client and the simulated Home Assistant.</summary>
    /// <returns>A task that completes when everything stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_engine is { } engine)
        {
            // Finalize deadlines are on the fake clock; bound the stop in real time instead.
            await engine.DisposeAsync().AsTask().WaitAsync(SettleTimeout).ConfigureAwait(false);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_connection is { } connection)
        {
            try
            {
                await connection.WaitAsync(SettleTimeout).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The connection loop ends by cancellation.
            }
        }

        await _simulator.DisposeAsync().ConfigureAwait(false);
        _loggerFactory.Dispose();
        _stop.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        foreach (var (entityId, state, attributes) in _setup.Entities)
        {
            await _simulator.SetStateAsync(entityId, state, attributes ?? new Dictionary<string, object?>()).ConfigureAwait(false);
        }

        _connection = Task.Run(() => _client.RunAsync(_stop.Token), CancellationToken.None);
        await _client.Ready.WaitAsync(SettleTimeout, cancellationToken).ConfigureAwait(false);

        var options = new DomovoyOptions
        {
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById(_setup.TimeZoneId),
            Latitude = _setup.Location.Latitude,
            Longitude = _setup.Location.Longitude,
            Elevation = _setup.Location.Elevation,
        };
        if (_setup.MisfireGrace is { } grace)
        {
            options.MisfireGrace = grace;
        }

        var reported = new ReportedLocationProvider();
        var engine = new AppEngine(
            _loggerFactory,
            Options.Create(options),
            _clock,
            new OptionsLocationProvider(options, reported),
            _cache,
            new RecordingHassFactory(new AppHassFactory(_client, _cache), _calls),
            new HassStartGate(_client, reported, _loggerFactory.CreateLogger<HassStartGate>()));
        engine.LifecycleChanged += e =>
        {
            lock (_status)
            {
                _status[e.AppName] = e.Status;
            }
        };
        _engine = engine;

        var validator = new AppConfigValidator();
        foreach (var plugin in _setup.Apps.GroupBy(a => a.Plugin, StringComparer.Ordinal))
        {
            var registry = new AppRegistryCollector(plugin.Key, validator);
            foreach (var (_, register) in plugin)
            {
                register(registry);
            }

            if (registry.Errors.Count > 0)
            {
                throw Failure("The apps' registration was rejected:\n  " + string.Join("\n  ", registry.Errors));
            }

            foreach (var registration in registry.Registrations)
            {
                _logs.MapCategory(registration.DisplayName, registration.AppName);
            }

            var result = await engine.ApplyPluginAsync(plugin.Key, registry.Registrations, cancellationToken).ConfigureAwait(false);
            if (!result.Committed)
            {
                throw Failure($"Not every app of plugin {plugin.Key} reached running: {result.FailureSummary}", result.Failures.FirstOrDefault()?.AppName);
            }
        }

        await SettleAsync().ConfigureAwait(false);
    }

    /// <summary>Settles only when the last step started app work since the last settle (most timer steps start none).</summary>
    private Task SettleIfBusyAsync()
    {
        var engine = _engine!;
        return engine.Work.WhenIdle.IsCompleted && engine.Work.Started == _settledAt ? Task.CompletedTask : SettleAsync();
    }

    private Task WaitForReadyAsync(long count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, HassConnectionStateChangedEventArgs e)
        {
            if (e.State == HassConnectionState.Ready && _client.ReadyCount >= count)
            {
                done.TrySetResult();
            }
        }

        _client.StateChanged += OnChanged;
        return done.Task.WaitAsync(SettleTimeout).ContinueWith(
            t =>
            {
                _client.StateChanged -= OnChanged;
                return t;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }

    private void ThrowIfCallbackErrors()
    {
        if (!_setup.FailOnCallbackError || _logs.ErrorCount <= _reportedErrors)
        {
            return;
        }

        var errors = _logs.Errors;
        var first = errors[_reportedErrors];
        _reportedErrors = errors.Count;
        throw new AppCallbackException($"App {first.App}: a callback threw {first.Exception.GetType().Name}: {first.Exception.Message}\n{first.Message}\n{Describe(first.App)}", first.Exception);
    }
}
