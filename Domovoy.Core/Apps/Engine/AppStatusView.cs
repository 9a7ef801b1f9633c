using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Engine;

/// <summary>
/// One registered app as status views (the host's admin API) see it: a copy of figures, taken under the engine's lock.
/// It holds the app's config object (for display) but no app instance, so keeping it briefly never pins plugin code.
/// </summary>
/// <param name="Name">The app's unique name.</param>
/// <param name="ClassName">The app class's name.</param>
/// <param name="Namespace">The app class's namespace.</param>
/// <param name="PluginName">The plugin that registered it.</param>
/// <param name="PluginVersion">The number of the plugin version it comes from.</param>
/// <param name="Status">Its status; <see cref="AppStatus.Disabled"/> when switched off, <see cref="AppStatus.Failed"/> when it could not be created.</param>
/// <param name="Since">When it reached <paramref name="Status"/> (UTC), or null when unknown.</param>
/// <param name="InstanceId">The running instance's id (a new one per start), 0 when no instance exists.</param>
/// <param name="LastError">The most recent start failure or callback error, with its time.</param>
/// <param name="Callbacks">Its timers, listeners and subscriptions with their statistics.</param>
/// <param name="QueueLength">Callbacks waiting in its queue.</param>
/// <param name="QueueCapacity">The queue's capacity.</param>
/// <param name="ProcessedCallbacks">Callbacks its queue ran.</param>
/// <param name="DroppedCallbacks">Callbacks dropped because its queue was full.</param>
/// <param name="Config">Its config object (user type; serialize it with secrets redacted).</param>
internal sealed record AppStatusView(
    string Name,
    string ClassName,
    string? Namespace,
    string PluginName,
    long PluginVersion,
    AppStatus Status,
    DateTimeOffset? Since,
    long InstanceId,
    AppError? LastError,
    IReadOnlyList<CallbackInfo> Callbacks,
    int QueueLength,
    int QueueCapacity,
    long ProcessedCallbacks,
    long DroppedCallbacks,
    AppConfigBase Config);
