using Domovoy.Core.Apps.Lifecycle;

namespace Domovoy.Core.Apps.Engine;

/// <summary>The outcome of applying a plugin version's registrations to the engine.</summary>
/// <param name="Committed">True when every accepted app of the new version reached <c>running</c>.</param>
/// <param name="RolledBack">True when the new version failed and the previous version's apps were started again.</param>
/// <param name="Running">How many apps of the plugin run now.</param>
/// <param name="Failures">Apps of the new version that did not start, with the reason.</param>
/// <param name="Abandoned">Apps that missed their stop deadline during the swap.</param>
internal sealed record PluginSwapResult(bool Committed, bool RolledBack, int Running, IReadOnlyList<AppStartFailure> Failures, IReadOnlyList<AppStopOutcome> Abandoned)
{
    /// <summary>One line naming each failed app and its reason, e.g. <c>a_app: InitializeAsync threw …</c>.</summary>
    public string FailureSummary => string.Join("; ", Failures.Select(f => $"{f.AppName}: {f.Reason}"));
}
