namespace Domovoy.Abstractions;

/// <summary>
/// Collects app registrations from an <see cref="IAppRegistrar"/>. App names must be unique across all plugins; a
/// duplicate is rejected with an error and the app registered first keeps running. Each config is validated
/// (DataAnnotations attributes, <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>) before the app starts.
/// </summary>
public interface IAppRegistry
{
    /// <summary>Registers one instance of an app class with its configuration.</summary>
    /// <typeparam name="TApp">The app class.</typeparam>
    /// <typeparam name="TConfig">Its configuration type.</typeparam>
    /// <param name="appName">A name unique across all plugins, e.g. <c>kitchen_lights</c>.</param>
    /// <param name="config">The instance's configuration.</param>
    void Register<TApp, TConfig>(string appName, TConfig config)
        where TApp : AppBase<TConfig>, new()
        where TConfig : AppConfigBase;

    /// <summary>Registers one instance of an app class that takes no configuration.</summary>
    /// <typeparam name="TApp">The app class.</typeparam>
    /// <param name="appName">A name unique across all plugins.</param>
    void Register<TApp>(string appName)
        where TApp : AppBase, new();

    /// <summary>Registers several instances of one app class, one per name/config pair (Domovoy's <c>register_app_multiple</c>).</summary>
    /// <typeparam name="TApp">The app class.</typeparam>
    /// <typeparam name="TConfig">Its configuration type.</typeparam>
    /// <param name="configs">App name → configuration.</param>
    void RegisterMany<TApp, TConfig>(IReadOnlyDictionary<string, TConfig> configs)
        where TApp : AppBase<TConfig>, new()
        where TConfig : AppConfigBase;
}
