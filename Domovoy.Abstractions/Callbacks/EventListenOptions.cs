namespace Domovoy.Abstractions;

/// <summary>Options of event listeners.</summary>
public sealed record EventListenOptions
{
    /// <summary>Cancel the listener after its first call.</summary>
    public bool OneShot { get; init; }

    /// <summary>
    /// Only events whose data has each of these top-level members with an equal JSON value, e.g.
    /// <c>new Dictionary&lt;string, object?&gt; { ["domain"] = "light" }</c> for <c>call_service</c> events of lights.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Data { get; init; }

    /// <summary>Only events for which this returns true (runs on Home Assistant's dispatch thread; keep it short).</summary>
    public Func<HassEvent, bool>? Where { get; init; }
}
