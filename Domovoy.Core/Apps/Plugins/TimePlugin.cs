using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;

namespace Domovoy.Core.Apps.Plugins;

/// <summary>Time in the configured zone from the host's <see cref="TimeProvider"/>.</summary>
internal sealed class TimePlugin(AppRuntime runtime) : ITimePlugin
{
    public TimeZoneInfo TimeZone => runtime.TimeZone;

    public DateTimeOffset UtcNow => runtime.Time.GetUtcNow();

    public DateTimeOffset Now => ToLocal(UtcNow);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, runtime.TimeZone);

    public async Task SleepForAsync(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(runtime.Stopping, cancellationToken);
        await Task.Delay(delay, runtime.Time, linked.Token).ConfigureAwait(false);
    }
}
