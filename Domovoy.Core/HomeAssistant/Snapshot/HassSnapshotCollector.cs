using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.HomeAssistant.Client;
using Microsoft.Extensions.Logging;

namespace Domovoy.Core.HomeAssistant.Snapshot;

/// <summary>
/// Connects to Home Assistant with the host's own client and reads what a <see cref="HassSnapshot"/> needs: states,
/// services and the area, label, device and entity registries (a registry HA refuses, e.g. labels before 2024.4, is
/// left out rather than failing the snapshot).
/// </summary>
internal static class HassSnapshotCollector
{
    /// <summary>Collects a snapshot.</summary>
    /// <param name="options">Connection options (URL and token).</param>
    /// <param name="logger">The client's logger.</param>
    /// <param name="timeout">Bound on connecting and on the whole collection.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <exception cref="HassAuthenticationException">The token was rejected.</exception>
    /// <exception cref="TimeoutException">No connection or no answers within <paramref name="timeout"/>.</exception>
    public static async Task<HassSnapshot> CollectAsync(HassClientOptions options, ILogger logger, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var client = new HassWebSocketClient(options, logger, TimeProvider.System);
        var running = client.RunAsync(stop.Token);
        try
        {
            // Ready fails with the authentication error, or times out while the client keeps retrying the connection.
            await client.Ready.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);

            async Task<JsonElement> Command(string type) => (await client.SendCommandAsync(type, null, timeout, timeout, cancellationToken).ConfigureAwait(false)).Clone();
            async Task<JsonElement?> Optional(string type)
            {
                try
                {
                    return await Command(type).ConfigureAwait(false);
                }
                catch (HassCommandException)
                {
                    return null;
                }
            }

            var states = await Command("get_states").ConfigureAwait(false);
            var services = await Command("get_services").ConfigureAwait(false);
            var entities = await Optional("config/entity_registry/list").ConfigureAwait(false);
            var devices = await Optional("config/device_registry/list").ConfigureAwait(false);
            var areas = await Optional("config/area_registry/list").ConfigureAwait(false);
            var labels = await Optional("config/label_registry/list").ConfigureAwait(false);
            return HassSnapshotBuilder.Build(client.HaVersion, states, services, entities, devices, areas, labels);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Home Assistant at {options.GetWebSocketUri()} did not answer within {timeout.TotalSeconds:0} s; check the URL and that it is running.");
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await running.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HassAuthenticationException or HassConnectionException)
            {
                // Stopping the client after the collection (or after the failure already being reported).
            }
        }
    }
}
