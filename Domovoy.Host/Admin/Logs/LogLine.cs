using Microsoft.Extensions.Logging;

namespace Domovoy.Host.Admin.Logs;

/// <summary>One log line as the status page shows it.</summary>
/// <param name="Seq">Increasing number of the line in this process (for ordering and resuming a stream).</param>
/// <param name="Time">When it was logged (UTC).</param>
/// <param name="Level">Its level.</param>
/// <param name="Category">The logger's category (an app's is <c>ClassName.app_name</c>).</param>
/// <param name="App">The app the line is about (from its <c>{App}</c> property), or null.</param>
/// <param name="Message">The formatted message, with the exception's type and message appended.</param>
internal sealed record LogLine(long Seq, DateTimeOffset Time, LogLevel Level, string Category, string? App, string Message)
{
    /// <summary>True when the line belongs to the app named <paramref name="appName"/> with category <paramref name="displayName"/>.</summary>
    public bool IsAbout(string appName, string displayName)
        => string.Equals(App, appName, StringComparison.Ordinal) || string.Equals(Category, displayName, StringComparison.Ordinal);
}
