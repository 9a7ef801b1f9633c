namespace Domovoy.Abstractions;

/// <summary>
/// A ServEnts entity could not be used: its configuration is invalid, it does not exist in Home Assistant (yet), or it
/// did not appear in time. The message names the servent id.
/// </summary>
public sealed class ServEntException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ServEntException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public ServEntException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ServEntException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
