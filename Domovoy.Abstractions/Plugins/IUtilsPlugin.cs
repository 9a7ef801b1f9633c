namespace Domovoy.Abstractions;

/// <summary>Parsing helpers and background work tied to the app's lifetime.</summary>
public interface IUtilsPlugin
{
    /// <summary>Parses a number with the invariant culture; returns <paramref name="defaultValue"/> when it is not one.</summary>
    /// <param name="value">Text or a boxed number; null gives the default.</param>
    /// <param name="defaultValue">What to return when parsing fails.</param>
    /// <returns>The number or the default.</returns>
    double? ParseDouble(object? value, double? defaultValue = null);

    /// <summary>Parses an integer with the invariant culture; returns <paramref name="defaultValue"/> when it is not one.</summary>
    /// <param name="value">Text or a boxed number; null gives the default.</param>
    /// <param name="defaultValue">What to return when parsing fails.</param>
    /// <returns>The integer or the default.</returns>
    long? ParseLong(object? value, long? defaultValue = null);

    /// <summary>
    /// Runs work in the background, outside the app's callback queue. Its token is cancelled when the app stops and the
    /// host waits for it before finalizing; an exception is logged with the app name.
    /// </summary>
    /// <param name="work">The work.</param>
    /// <param name="name">A name for logs.</param>
    /// <returns>The work's task.</returns>
    Task RunInBackground(Func<CancellationToken, Task> work, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(work))] string? name = null);
}
