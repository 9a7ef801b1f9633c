using System.Text.Json.Nodes;
using Domovoy.Abstractions;

namespace Domovoy.Host.Admin.Status;

/// <summary>One app in the admin API (<c>GET /api/apps</c>).</summary>
internal sealed record AppDto(
    string Name,
    string ClassName,
    string? Namespace,
    string Plugin,
    long PluginVersion,
    AppStatus Status,
    DateTimeOffset? Since,
    long InstanceId,
    ErrorDto? LastError,
    QueueDto Queue,
    IReadOnlyList<CallbackDto> Callbacks,
    JsonNode? Config);

/// <summary>A failure with its time.</summary>
internal sealed record ErrorDto(DateTimeOffset At, string Message);

/// <summary>An app's callback queue: waiting, capacity, run and dropped callbacks.</summary>
internal sealed record QueueDto(int Length, int Capacity, long Processed, long Dropped);

/// <summary>One timer, listener or subscription of an app with its statistics.</summary>
internal sealed record CallbackDto(
    string Id,
    string Name,
    CallbackKind Kind,
    string Description,
    bool Registered,
    long TimesCalled,
    long TimesFailed,
    DateTimeOffset? LastCall,
    ErrorDto? LastError,
    DateTimeOffset? NextRun);
