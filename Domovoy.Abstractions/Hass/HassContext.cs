namespace Domovoy.Abstractions;

/// <summary>The Home Assistant context of a state write, event or service call.</summary>
/// <param name="Id">The context id (a ULID, or 32 hex characters on old installs).</param>
/// <param name="ParentId">The parent context, if any.</param>
/// <param name="UserId">The user that caused it, if any.</param>
public sealed record HassContext(string Id, string? ParentId, string? UserId);
