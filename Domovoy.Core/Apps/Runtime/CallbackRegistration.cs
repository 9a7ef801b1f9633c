using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>One timer, listener or subscription of an app, with its statistics.</summary>
internal sealed class CallbackRegistration
{
    private readonly object _gate = new();
    private IDisposable? _subscription;

    public CallbackRegistration(CallbackId id, CallbackKind kind, string name, string description)
    {
        Id = id;
        Kind = kind;
        Name = name;
        Description = description;
    }

    public CallbackId Id { get; }

    public CallbackKind Kind { get; }

    public string Name { get; }

    public string Description { get; }

    public bool IsActive { get; private set; } = true;

    public long TimesCalled { get; private set; }

    public long TimesFailed { get; private set; }

    public DateTimeOffset? LastCall { get; private set; }

    public DateTimeOffset? LastError { get; private set; }

    public string? LastErrorMessage { get; private set; }

    /// <summary>For timers: the next due time, kept current by the scheduler.</summary>
    public DateTimeOffset? NextRun { get; set; }

    /// <summary>Attaches what must be disposed when the registration is cancelled; disposes it at once if already cancelled.</summary>
    public void Attach(IDisposable subscription)
    {
        lock (_gate)
        {
            if (IsActive)
            {
                _subscription = subscription;
                return;
            }
        }

        subscription.Dispose();
    }

    /// <summary>Deactivates the registration and disposes its subscription. Returns false when it was already inactive.</summary>
    public bool Deactivate()
    {
        IDisposable? subscription;
        lock (_gate)
        {
            if (!IsActive)
            {
                return false;
            }

            IsActive = false;
            NextRun = null;
            subscription = _subscription;
            _subscription = null;
        }

        subscription?.Dispose();
        return true;
    }

    public void RecordCall(DateTimeOffset now)
    {
        lock (_gate)
        {
            TimesCalled++;
            LastCall = now;
        }
    }

    public void RecordError(DateTimeOffset now, Exception exception)
    {
        lock (_gate)
        {
            TimesFailed++;
            LastError = now;
            LastErrorMessage = $"{exception.GetType().Name}: {exception.Message}";
        }
    }

    public CallbackInfo ToInfo()
    {
        lock (_gate)
        {
            return new CallbackInfo(Id, Name, Kind, Description, IsActive, TimesCalled, LastCall, LastError, LastErrorMessage, NextRun, TimesFailed);
        }
    }
}
