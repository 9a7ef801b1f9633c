namespace Domovoy.Abstractions;

/// <summary>Base class of apps with a typed, validated configuration.</summary>
/// <typeparam name="TConfig">The app's configuration type.</typeparam>
public abstract class AppBase<TConfig> : AppBase
    where TConfig : AppConfigBase
{
    private TConfig? _config;

    /// <summary>The configuration this instance was registered with; validated before the app starts.</summary>
    public TConfig Config => _config ?? throw new InvalidOperationException(
        $"The config of app class '{GetType().Name}' is not available yet. Use it from InitializeAsync on.");

    private protected override void OnAttached(IAppContext context)
    {
        _config = context.Config as TConfig ?? throw new InvalidOperationException(
            $"App class '{GetType().Name}' expects a config of type '{typeof(TConfig).Name}' but was given '{context.Config.GetType().Name}'.");
    }
}
