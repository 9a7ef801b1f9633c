namespace Domovoy.Core.Apps.Engine;

/// <summary>An app's failure: when (UTC) and what (the reason as logged).</summary>
internal sealed record AppError(DateTimeOffset At, string Message);
