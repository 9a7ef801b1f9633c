namespace Domovoy.Core.HomeAssistant.State;

/// <summary>Runs an action once on the first <see cref="Dispose"/>.</summary>
internal sealed class Unsubscriber(Action action) : IDisposable
{
    private Action? _action = action;

    public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
}
