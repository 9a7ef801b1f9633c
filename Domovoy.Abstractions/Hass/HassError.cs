using System.Text.Json;

namespace Domovoy.Abstractions;

/// <summary>The error of a failed Home Assistant command (<c>success:false</c>).</summary>
/// <param name="Code">The error code, e.g. <c>not_found</c> or <c>invalid_format</c>.</param>
/// <param name="Message">The human-readable message.</param>
/// <param name="TranslationKey">The translation key, if Home Assistant sent one.</param>
/// <param name="TranslationDomain">The translation domain, if any.</param>
/// <param name="TranslationPlaceholders">The translation placeholders, if any.</param>
public sealed record HassError(
    string Code,
    string Message,
    string? TranslationKey = null,
    string? TranslationDomain = null,
    IReadOnlyDictionary<string, JsonElement>? TranslationPlaceholders = null);
