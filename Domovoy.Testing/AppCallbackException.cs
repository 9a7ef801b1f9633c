namespace Domovoy.Testing;

/// <summary>
/// Thrown by the next step of a test (a verb such as <see cref="DomovoyTestHome.AdvanceAsync"/>, or
/// <see cref="DomovoyTestHome.StartAsync"/>) after an app's callback threw; <see cref="Exception.InnerException"/> is the
/// app's own exception. Opt out with <see cref="DomovoyTestHomeBuilder.AllowCallbackErrors"/> and inspect
/// <see cref="DomovoyTestHome.CallbackErrors"/> instead.
/// </summary>
public sealed class AppCallbackException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AppCallbackException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Which app and callback threw.</param>
    public AppCallbackException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the app's exception.</summary>
    /// <param name="message">Which app and callback threw.</param>
    /// <param name="innerException">The app's exception.</param>
    public AppCallbackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
