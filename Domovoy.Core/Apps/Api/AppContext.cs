using Domovoy.Abstractions;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.Apps.Api;

/// <summary>The per-app APIs (Log, Meta, Callbacks, Hass, ServEnts, Time, Utils) handed to one app instance.</summary>
internal sealed class AppContext : IAppContext
{
    private readonly IHassPlugin? _hass;

    public AppContext(ILogger log, AppConfigBase config, IMetaPlugin meta, ICallbacksPlugin callbacks, IHassPlugin? hass, IServEntsPlugin servEnts, ITimePlugin time, IUtilsPlugin utils)
    {
        Log = log;
        Config = config;
        Meta = meta;
        Callbacks = callbacks;
        _hass = hass;
        ServEnts = servEnts;
        Time = time;
        Utils = utils;
    }

    public ILogger Log { get; }

    public AppConfigBase Config { get; }

    public IMetaPlugin Meta { get; }

    public ICallbacksPlugin Callbacks { get; }

    public IHassPlugin Hass => _hass ?? throw new InvalidOperationException(
        $"App '{Meta.AppName}' used Hass, but this host has no Home Assistant connection configured.");

    public IServEntsPlugin ServEnts { get; }

    public ITimePlugin Time { get; }

    public IUtilsPlugin Utils { get; }
}
