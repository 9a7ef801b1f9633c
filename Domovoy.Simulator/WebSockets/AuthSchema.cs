using System.Text.Json;
using System.Text.Json.Nodes;
using Domovoy.Simulator.Json;

namespace Domovoy.Simulator.WebSockets;

/// <summary>auth.py AUTH_MESSAGE_SCHEMA: type "auth" plus exclusive access_token / api_password; nothing else.</summary>
internal static class AuthSchema
{
    /// <summary>The humanized voluptuous error, or null when the message is well formed.</summary>
    public static string? Validate(JsonNode? message)
    {
        if (message is not JsonObject obj)
        {
            return $"expected a dictionary. Got {HaJson.PythonRepr(message)}";
        }

        foreach (var (key, value) in obj)
        {
            if (key is not ("type" or "access_token" or "api_password"))
            {
                return $"extra keys not allowed @ data['{key}']. Got {HaJson.PythonRepr(value)}";
            }
        }

        if (!obj.TryGetPropertyValue("type", out var type))
        {
            return "required key not provided @ data['type']. Got None";
        }

        if (!(type is JsonValue t && t.GetValueKind() == JsonValueKind.String && t.GetValue<string>() == "auth"))
        {
            return $"value must be one of ['auth'] for dictionary value @ data['type']. Got {HaJson.PythonRepr(type)}";
        }

        if (obj.ContainsKey("access_token") && obj.ContainsKey("api_password"))
        {
            return "two or more values in the same group of exclusion 'login' @ data[<login>]. Got None";
        }

        foreach (var key in new[] { "access_token", "api_password" })
        {
            if (obj.TryGetPropertyValue(key, out var value) && !HaJson.TryGetString(value, out _))
            {
                return $"expected str for dictionary value @ data['{key}']. Got {HaJson.PythonRepr(value)}";
            }
        }

        return null;
    }
}
