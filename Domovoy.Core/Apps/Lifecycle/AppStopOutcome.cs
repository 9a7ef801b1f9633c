namespace Domovoy.Core.Apps.Lifecycle;

/// <summary>How an app stopped.</summary>
/// <param name="AppName">The app.</param>
/// <param name="PluginName">The plugin it came from.</param>
/// <param name="AbandonedBecause">Why the host stopped waiting for it (a deadline passed), or null when it finalized.</param>
internal sealed record AppStopOutcome(string AppName, string PluginName, string? AbandonedBecause)
{
    /// <summary>True when the app missed its stop deadline and was abandoned.</summary>
    public bool Abandoned => AbandonedBecause is not null;
}
