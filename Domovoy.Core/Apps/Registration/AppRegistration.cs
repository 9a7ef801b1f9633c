using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Registration;

/// <summary>One validated app registration from a plugin: what to create and with which config.</summary>
internal sealed record AppRegistration(string AppName, string PluginName, Type AppType, AppConfigBase Config, Func<AppBase> Factory)
{
    /// <summary>How logs refer to the app (Domovoy's <c>ClassName.app_name</c>).</summary>
    public string DisplayName => $"{AppType.Name}.{AppName}";

    /// <summary>The number of the plugin version the registration came from (0 when registered outside the plugin loader).</summary>
    public long PluginVersion { get; init; }
}
