namespace Domovoy.Abstractions;

/// <summary>Identifies a timer, schedule or listener an app registered; pass it to <see cref="ICallbacksPlugin.Cancel"/>.</summary>
/// <param name="Value">The id text, e.g. <c>scheduler-3f2a…</c> or <c>state-9b1c…</c>.</param>
public readonly record struct CallbackId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
