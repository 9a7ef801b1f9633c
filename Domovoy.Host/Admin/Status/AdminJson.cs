using System.Text.Json;
using System.Text.Json.Serialization;

namespace Domovoy.Host.Admin.Status;

/// <summary>The admin API's JSON form: snake_case names and enum values (<c>"status": "running"</c>), ISO 8601 UTC times.</summary>
internal static class AdminJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
