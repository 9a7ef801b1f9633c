using System.Text.Json.Nodes;

namespace Domovoy.Simulator;

/// <summary>An error that becomes a WebSocket error result (code + message + optional translation fields).</summary>
internal sealed class HaErrorException(
    string code,
    string message,
    string? translationKey = null,
    string? translationDomain = null,
    JsonObject? translationPlaceholders = null) : Exception(message)
{
    public string Code { get; } = code;

    public string? TranslationKey { get; } = translationKey;

    public string? TranslationDomain { get; } = translationDomain;

    public JsonObject? TranslationPlaceholders { get; } = translationPlaceholders;

    public JsonObject ToErrorJson()
    {
        var error = new JsonObject { ["code"] = Code, ["message"] = Message };
        if (TranslationKey is not null)
        {
            error["translation_key"] = TranslationKey;
            error["translation_domain"] = TranslationDomain;
            error["translation_placeholders"] = TranslationPlaceholders?.DeepClone() ?? new JsonObject();
        }

        return error;
    }

    public static HaErrorException InvalidFormat(string message) => new("invalid_format", message);
}
