namespace Domovoy.Simulator.States;

/// <summary>core.InvalidStateError: the state string is longer than 255 characters.</summary>
internal sealed class InvalidStateException(string message) : Exception(message);
