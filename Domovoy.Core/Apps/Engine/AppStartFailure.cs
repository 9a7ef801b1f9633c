namespace Domovoy.Core.Apps.Engine;

/// <summary>An app that did not reach <c>running</c>, and why (it threw, timed out, or a type failed to resolve).</summary>
internal sealed record AppStartFailure(string AppName, string Reason);
