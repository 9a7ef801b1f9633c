using System.Threading.Channels;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Api;
using Domovoy.Core.Apps.Runtime;
using Domovoy.Core.Scheduling;
using Domovoy.Core.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Domovoy.Core.Tests.Support;

/// <summary>
/// An app runtime and its Callbacks/Time plugins on a fake clock, with a recorder for callback deliveries and the app's
/// log lines. <see cref="Time"/> moves elapsed time (and the wall clock with it); <see cref="Wall"/> can also step the
/// wall clock alone.
/// </summary>
internal sealed class AppApiHarness : IAsyncDisposable
{
    // Only guards against a hung test; deliveries normally arrive within microseconds.
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<string> _calls = Channel.CreateUnbounded<string>();

    public AppApiHarness(DateTimeOffset start, string timeZoneId = "UTC", GeoLocation? location = null, ILocationProvider? locationProvider = null, TimeSpan? misfireGrace = null)
    {
        Time = new FakeTimeProvider(start);
        Wall = new SteppedClock(Time);
        Source = new FakeHassEventSource(Time);
        var source = Source;
        Zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var options = new DomovoyOptions { TimeZone = Zone };
        if (misfireGrace is { } grace)
        {
            options.MisfireGrace = grace;
        }

        Runtime = new AppRuntime("test-app", Logs.CreateLogger("test-app"), Wall, options);
        locationProvider ??= location is null ? null : new FixedLocationProvider(location);
        Callbacks = new AppCallbacks(Runtime, source, locationProvider);
        AppTime = new AppTime(Runtime, locationProvider);
    }

    public FakeTimeProvider Time { get; }

    public SteppedClock Wall { get; }

    public LogSink Logs { get; } = new();

    public FakeHassEventSource Source { get; }

    public TimeZoneInfo Zone { get; }

    public AppRuntime Runtime { get; }

    public AppCallbacks Callbacks { get; }

    public AppTime AppTime { get; }

    /// <summary>A callback that records the wall clock's time (UTC, ISO 8601) when it runs.</summary>
    public Func<CancellationToken, Task> RecordTime => _ =>
    {
        _calls.Writer.TryWrite(Wall.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return Task.CompletedTask;
    };

    /// <summary>Records an arbitrary label.</summary>
    public void Record(string label) => _calls.Writer.TryWrite(label);

    /// <summary>The next recorded call, waiting for the dispatcher's background task.</summary>
    public async Task<string> NextCallAsync()
        => await _calls.Reader.ReadAsync().AsTask().WaitAsync(DeliveryTimeout).ConfigureAwait(false);

    /// <summary>
    /// True if no call is pending once the app's queue has drained: posts a marker through the same queue and checks
    /// that it is the next thing recorded.
    /// </summary>
    public async Task AssertNoPendingCallAsync()
    {
        var marker = Runtime.Register(CallbackKind.Subscription, "marker", "marker", _ => null);
        Runtime.Post(marker, _ =>
        {
            Record("<marker>");
            return Task.CompletedTask;
        });
        Assert.AreEqual("<marker>", await NextCallAsync().ConfigureAwait(false), "an unexpected callback ran");
        Runtime.Callbacks.Cancel(marker.Id);
    }

    public CallbackRegistration Registration(CallbackId id)
    {
        Assert.IsTrue(Runtime.Callbacks.TryGet(id, out var registration), $"no registration {id}");
        return registration;
    }

    /// <summary>Asserts that <paramref name="id"/> has ended and left the registry (it can never fire again).</summary>
    public void AssertEnded(CallbackId id)
        => Assert.IsFalse(Runtime.Callbacks.TryGet(id, out _), $"{id} is still registered");

    public static string Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopCallbacksAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        await Runtime.DisposeAsync().ConfigureAwait(false);
    }
}
