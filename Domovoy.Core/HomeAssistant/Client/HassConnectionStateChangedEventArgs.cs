namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>A change of <see cref="HassConnectionState"/>.</summary>
/// <param name="state">The new state.</param>
/// <param name="error">Why the connection was lost, when it was.</param>
/// <param name="retryIn">The delay before the next attempt, when one is scheduled.</param>
public sealed class HassConnectionStateChangedEventArgs(HassConnectionState state, Exception? error, TimeSpan? retryIn) : EventArgs
{
    /// <summary>The new state.</summary>
    public HassConnectionState State { get; } = state;

    /// <summary>Why the connection was lost, when it was.</summary>
    public Exception? Error { get; } = error;

    /// <summary>The delay before the next attempt, when one is scheduled.</summary>
    public TimeSpan? RetryIn { get; } = retryIn;
}
