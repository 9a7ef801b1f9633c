using System.Reflection;
using System.Text.Json;

namespace Domovoy.Core.Plugins.Loading;

/// <summary>
/// Checks that an unloaded plugin version's load context is really collected: a weak reference and a GC loop. Unloading
/// is cooperative, so a context still alive after the loop means something (a static event, a timer, a thread, a
/// cache) still references the plugin's code.
/// </summary>
internal static class UnloadVerifier
{
    public static async Task<bool> WaitForCollectionAsync(WeakReference context, int rounds, CancellationToken cancellationToken)
    {
        ClearSerializerCaches();
        for (var round = 0; round < rounds && context.IsAlive; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (!context.IsAlive)
            {
                break;
            }

            // Give threads still inside the plugin's code a moment to leave it.
            await Task.Delay(TimeSpan.FromMilliseconds(20 * (round + 1)), cancellationToken).ConfigureAwait(false);
        }

        return !context.IsAlive;
    }

    /// <summary>
    /// System.Text.Json caches metadata per type in process-wide tables (dotnet/runtime#65323), which keeps unloaded
    /// plugin types alive. Its hot-reload handler clears them; it is internal, so it is reached by reflection.
    /// </summary>
    private static void ClearSerializerCaches()
    {
        var handler = typeof(JsonSerializerOptions).Assembly.GetType("System.Text.Json.JsonSerializerOptionsUpdateHandler");
        handler?.GetMethod("ClearCache", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)?.Invoke(null, [null]);
    }
}
