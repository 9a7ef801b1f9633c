namespace Domovoy.Abstractions;

/// <summary>The connection to Home Assistant was lost (or is down) while a command was pending.</summary>
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
