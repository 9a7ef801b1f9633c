namespace Domovoy.Abstractions;

/// <summary>The configuration of apps that take none (apps deriving from the config-less <see cref="AppBase"/>).</summary>
public sealed class EmptyAppConfig : AppConfigBase
{
    /// <summary>The shared instance.</summary>
    public static EmptyAppConfig Instance { get; } = new();
}
