namespace Domovoy.Testing;

/// <summary>
/// Thrown by the assertion helpers of <see cref="DomovoyTestHome"/>. Every test framework (MSTest, xUnit, NUnit) reports
/// an unexpected exception as a failure with its message, which names the app, the entity, and the expected and actual
/// values, followed by what happened (the service calls made and the apps' log).
/// </summary>
public sealed class DomovoyAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DomovoyAssertionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public DomovoyAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was expected and what was found.</param>
    /// <param name="innerException">The cause.</param>
    public DomovoyAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
