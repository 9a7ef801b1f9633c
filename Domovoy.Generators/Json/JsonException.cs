using System;

namespace Domovoy.Generators.Json;

/// <summary>The snapshot is not valid JSON; carries the 1-based position of the first error.</summary>
internal sealed class JsonException(string message, int line, int column) : Exception(message)
{
    /// <summary>1-based line of the error.</summary>
    public int Line { get; } = line;

    /// <summary>1-based column of the error.</summary>
    public int Column { get; } = column;
}
