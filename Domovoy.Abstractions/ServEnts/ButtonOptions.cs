namespace Domovoy.Abstractions;

/// <summary>Options of a ServEnts button.</summary>
public sealed record ButtonOptions : ServEntOptions
{
    /// <summary>The data of the event a press fires (default empty).</summary>
    public IReadOnlyDictionary<string, object?>? EventData { get; init; }

    /// <summary><c>identify</c>, <c>restart</c> or <c>update</c>.</summary>
    public string? DeviceClass { get; init; }
}
