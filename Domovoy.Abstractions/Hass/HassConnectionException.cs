namespace Domovoy.Abstractions;

/// <summary>
/// A command to Home Assistant failed because of the connection: either no connection came up within the connection
/// wait (the command was not sent), or the connection dropped while the command was in flight — then it may or may not
/// have been executed, and Domovoy does not send it again (at most once). The message says which.
/// </summary>
public sealed class HassConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The transport error, if any.</param>
    public HassConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
