namespace Domovoy.Host.Configuration;

/// <summary>config.yml is missing or invalid; the message names the file, the key (and line) and the expected form.</summary>
internal sealed class HostConfigException(string message) : Exception(message);
