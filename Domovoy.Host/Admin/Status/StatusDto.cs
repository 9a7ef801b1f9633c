namespace Domovoy.Host.Admin.Status;

/// <summary>Everything the status page shows at once (<c>GET /api/status</c>, and each event of its live stream).</summary>
internal sealed record StatusDto(DateTimeOffset At, IReadOnlyList<AppDto> Apps, IReadOnlyList<PluginDto> Plugins, EngineDto Engine, HassDto Hass);
