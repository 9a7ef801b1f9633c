using System.Collections.Concurrent;
using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>Everything one app registered; the host cancels it all before the app's FinalizeAsync.</summary>
internal sealed class CallbackRegistry
{
    private readonly ConcurrentDictionary<CallbackId, CallbackRegistration> _registrations = new();
    private volatile bool _closed;

    public CallbackRegistration Add(CallbackKind kind, string name, string description)
    {
        if (_closed)
        {
            throw new InvalidOperationException("The app is stopping; it cannot register new callbacks.");
        }

        var prefix = kind switch
        {
            CallbackKind.Scheduler => "scheduler",
            CallbackKind.State => "state",
            CallbackKind.Attribute => "attribute",
            CallbackKind.Event => "event",
            CallbackKind.Trigger => "trigger",
            _ => "subscription",
        };
        var registration = new CallbackRegistration(new CallbackId($"{prefix}-{Guid.NewGuid():N}"), kind, name, description);
        _registrations[registration.Id] = registration;
        return registration;
    }

    public bool TryGet(CallbackId id, out CallbackRegistration registration)
        => _registrations.TryGetValue(id, out registration!);

    /// <summary>Deactivates a registration and forgets it, so the registry holds only callbacks that can still fire.</summary>
    /// <returns>False when no live registration has that id.</returns>
    public bool Cancel(CallbackId id)
        => _registrations.TryRemove(id, out var registration) && registration.Deactivate();

    /// <summary>Cancels every registration and refuses new ones (the app is stopping; they stay listed, inactive, for its last statistics).</summary>
    public void CancelAll()
    {
        _closed = true;
        foreach (var registration in _registrations.Values)
        {
            registration.Deactivate();
        }
    }

    public int ActiveCount => _registrations.Values.Count(r => r.IsActive);

    public IReadOnlyList<CallbackInfo> Snapshot()
        => _registrations.Values.Select(r => r.ToInfo()).OrderBy(i => i.Name, StringComparer.Ordinal).ToArray();
}
