using Domovoy.Abstractions;
using Microsoft.Extensions.Options;

namespace Domovoy.Core.Apps.Registration;

/// <summary>
/// Collects the registrations of one plugin version, validating names and configs as they come. Invalid entries are
/// kept out and reported in <see cref="Errors"/>; valid ones in <see cref="Registrations"/>.
/// </summary>
internal sealed class AppRegistryCollector(string pluginName, IValidateOptions<AppConfigBase> validator) : IAppRegistry
{
    private readonly List<AppRegistration> _registrations = [];
    private readonly List<string> _errors = [];

    public IReadOnlyList<AppRegistration> Registrations => _registrations;

    public IReadOnlyList<string> Errors => _errors;

    public void Register<TApp, TConfig>(string appName, TConfig config)
        where TApp : AppBase<TConfig>, new()
        where TConfig : AppConfigBase
        => Add(appName, typeof(TApp), config, static () => new TApp());

    public void Register<TApp>(string appName)
        where TApp : AppBase, new()
        => Add(appName, typeof(TApp), EmptyAppConfig.Instance, static () => new TApp());

    public void RegisterMany<TApp, TConfig>(IReadOnlyDictionary<string, TConfig> configs)
        where TApp : AppBase<TConfig>, new()
        where TConfig : AppConfigBase
    {
        ArgumentNullException.ThrowIfNull(configs);
        foreach (var (name, config) in configs)
        {
            Register<TApp, TConfig>(name, config);
        }
    }

    internal void AddError(string error) => _errors.Add(error);

    private void Add(string appName, Type appType, AppConfigBase? config, Func<AppBase> factory)
    {
        if (string.IsNullOrWhiteSpace(appName))
        {
            _errors.Add($"Plugin '{pluginName}': app class '{appType.Name}' was registered with an empty name. Give every app a unique name.");
            return;
        }

        if (config is null)
        {
            _errors.Add($"App '{appName}' ({appType.Name}) in plugin '{pluginName}' has a null config. Pass a config instance.");
            return;
        }

        if (_registrations.Any(r => string.Equals(r.AppName, appName, StringComparison.Ordinal)))
        {
            _errors.Add($"App name '{appName}' is registered twice in plugin '{pluginName}'. App names must be unique; rename one of them.");
            return;
        }

        var result = validator.Validate(appName, config);
        if (result.Failed)
        {
            _errors.Add($"App '{appName}' ({appType.Name}) in plugin '{pluginName}' has an invalid config ({config.GetType().Name}): {string.Join("; ", result.Failures ?? [])}. The app was not started; fix the config and rebuild.");
            return;
        }

        _registrations.Add(new AppRegistration(appName, pluginName, appType, config, factory));
    }
}
