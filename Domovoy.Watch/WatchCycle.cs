namespace Domovoy.Watch;

/// <summary>What one round of the compile loop did (for observers and tests).</summary>
/// <param name="Trigger">What started it: the changed files, or <c>start</c>.</param>
/// <param name="Written">Output folders (plugin folders) that got new files, in write order.</param>
/// <param name="Failed">Projects whose build failed (nothing of theirs or their users was written).</param>
/// <param name="FallbackReason">Why <c>dotnet build</c> ran instead of the in-process compiler; null when it did not.</param>
internal sealed record WatchCycle(string Trigger, IReadOnlyList<string> Written, IReadOnlyList<string> Failed, string? FallbackReason);
