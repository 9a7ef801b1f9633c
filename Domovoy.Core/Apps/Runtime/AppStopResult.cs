namespace Domovoy.Core.Apps.Runtime;

/// <summary>What of an app was still running when its stop deadline passed.</summary>
/// <param name="StuckCallback">The callback that ignored its cancellation token past the deadline, or null.</param>
/// <param name="StuckBackground">Names of background work (<c>Utils.RunInBackground</c>) that had not ended.</param>
internal sealed record AppStopResult(string? StuckCallback, IReadOnlyList<string> StuckBackground)
{
    /// <summary>True when the queue and every background task ended in time.</summary>
    public bool Clean => StuckCallback is null && StuckBackground.Count == 0;
}
