namespace Domovoy.Generators;

/// <summary>The ids of every diagnostic the generator and analyzer report (documented in the README's
/// "Typed entities and services" section).</summary>
internal static class DiagnosticIds
{
    /// <summary>Error: hass.snapshot.json is not valid JSON or does not have the documented shape.</summary>
    public const string InvalidSnapshot = "DOMOVOY001";

    /// <summary>Error: the snapshot's schema is newer than this generator reads.</summary>
    public const string NewerSchema = "DOMOVOY002";

    /// <summary>Warning: the project's C# version is below 14, so the typed services (extension members) are not generated.</summary>
    public const string LanguageVersionTooLow = "DOMOVOY003";

    /// <summary>Warning: a string literal names an entity the snapshot does not contain.</summary>
    public const string UnknownEntity = "DOMOVOY010";
}
