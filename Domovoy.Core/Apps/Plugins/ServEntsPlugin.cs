using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Plugins;

/// <summary>The ServEnts plugin of one app (its members arrive with the ServEnts work).</summary>
internal sealed class ServEntsPlugin : IServEntsPlugin
{
}
