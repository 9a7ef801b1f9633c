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
    /// Parses a number like Python's <c>parse_int_or_float</c>: an integral value gives a boxed <see cref="long"/>, any
    /// other number a boxed <see cref="double"/>, anything else null.
    /// </summary>
    /// <param name="value">Text or a boxed number.</param>
    /// <returns>A boxed long, a boxed double, or null.</returns>
    object? ParseIntOrFloat(object? value);

    /// <summary>
    /// Runs work that produces a result in the background, outside the app's callback queue (e.g. CPU-bound work or a
    /// blocking library). Its token is cancelled when the app stops and the host waits for it before finalizing; unlike
    /// <see cref="RunInBackground(Func{CancellationToken, Task}, string?)"/>, its exception reaches the awaiting caller.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="name">A name for logs.</param>
    /// <returns>The work's result.</returns>
    Task<TResult> RunInBackground<TResult>(Func<CancellationToken, Task<TResult>> work, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(work))] string? name = null);

    /// <summary>
    /// Runs work in the background, outside the app's callback queue. Its token is cancelled when the app stops and the
    /// host waits for it before finalizing; an exception is logged with the app name.
    /// </summary>
    /// <param name="work">The work.</param>
    /// <param name="name">A name for logs.</param>
    /// <returns>The work's task.</returns>
    Task RunInBackground(Func<CancellationToken, Task> work, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(work))] string? name = null);
}
