namespace Domovoy.Abstractions;

/// <summary>Home Assistant answered a command with <c>success:false</c>.</summary>
public sealed class HassCommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The command type, e.g. <c>call_service light.turn_on</c>.</param>
    /// <param name="error">Home Assistant's error.</param>
    public HassCommandException(string command, HassError error)
        : base($"Home Assistant rejected '{command}': {error.Code}: {error.Message}")
    {
        Command = command;
        Error = error;
    }

    /// <summary>The command that failed.</summary>
    public string Command { get; }

    /// <summary>Home Assistant's error.</summary>
    public HassError Error { get; }

    /// <summary>Shortcut for <see cref="HassError.Code"/>.</summary>
    public string Code => Error.Code;
}
