using Domovoy.Core.HomeAssistant.Client;

namespace Domovoy.Host.Admin.Status;

/// <summary>The Home Assistant connection in the admin API (<c>GET /api/hass</c>).</summary>
/// <param name="State">The connection state.</param>
/// <param name="HaVersion">The version Home Assistant reported, once connected.</param>
/// <param name="ConnectedSince">When the current connection became ready (UTC), null while not ready.</param>
/// <param name="Reconnects">How often the connection became ready again after the first time.</param>
/// <param name="MessagesTotal">WebSocket messages received since start.</param>
/// <param name="MessagesPerSecond">Messages received per second over the last few seconds.</param>
/// <param name="Simulated">True when the host runs against its embedded simulator.</param>
internal sealed record HassDto(HassConnectionState State, string? HaVersion, DateTimeOffset? ConnectedSince, long Reconnects, long MessagesTotal, double MessagesPerSecond, bool Simulated);
