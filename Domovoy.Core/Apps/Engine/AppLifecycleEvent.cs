using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Engine;

/// <summary>An app changed status (raised by the engine for observers such as tests, benchmarks and status views).</summary>
/// <param name="AppName">The app.</param>
/// <param name="PluginName">Its plugin.</param>
/// <param name="Status">The new status (Running, Failed or Terminated).</param>
/// <param name="InstanceId">Identifies the app instance (a new one per (re)start); an id rather than the object so observers never keep plugin code alive.</param>
internal sealed record AppLifecycleEvent(string AppName, string PluginName, AppStatus Status, long InstanceId);
