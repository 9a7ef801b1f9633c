namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>Internal signal: the connection closed before the command went out, so it can be sent on the next one.</summary>
internal sealed class HassCommandNotSentException(string command)
    : Exception($"'{command}' was not sent: the connection to Home Assistant had closed.");
