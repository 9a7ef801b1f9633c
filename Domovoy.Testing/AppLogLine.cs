using Microsoft.Extensions.Logging;

namespace Domovoy.Testing;

/// <summary>One line an app (or the engine about an app) logged.</summary>
/// <param name="App">The app's name, or null for lines of the engine and the Home Assistant client.</param>
/// <param name="Level">The log level.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with the line, if any.</param>
public sealed record AppLogLine(string? App, LogLevel Level, string Message, Exception? Exception)
{
    /// <summary>e.g. <c>[Information] hallway_lights: Motion at binary_sensor.hallway_motion: turning on light.hallway</c>.</summary>
    /// <returns>The line as text.</returns>
    public override string ToString() => $"[{Level}] {App ?? "host"}: {Message}{(Exception is null ? string.Empty : $" ({Exception.GetType().Name}: {Exception.Message})")}";
}
