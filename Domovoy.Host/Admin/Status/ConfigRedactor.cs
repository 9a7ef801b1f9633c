using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Domovoy.Abstractions;

namespace Domovoy.Host.Admin.Status;

/// <summary>
/// Turns an app's config object into JSON for display, with secrets replaced by <c>"***"</c>: every property whose name
/// contains password, secret, token, apikey/api_key, credential or passphrase (case-insensitive).
/// </summary>
/// <remarks>
/// Walks public properties by reflection instead of using System.Text.Json: its serializer caches type metadata, which
/// would keep unloaded plugin versions (the config types live in them) alive.
/// </remarks>
internal static class ConfigRedactor
{
    /// <summary>What a secret's value is replaced with.</summary>
    public const string Redacted = "***";

    private const int MaxDepth = 6;
    private static readonly string[] SecretWords = ["password", "passwd", "secret", "token", "apikey", "api_key", "credential", "passphrase"];

    public static JsonNode? ToJson(object? config) => Convert(config, 0);

    /// <summary>True for property names that hold secrets.</summary>
    public static bool IsSecret(string name) => SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static JsonNode? Convert(object? value, int depth)
    {
        switch (value)
        {
            case null:
                return null;
            case string or char or Guid or Uri or EntityId or Enum or DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeZoneInfo:
                return JsonValue.Create(System.Convert.ToString(value, CultureInfo.InvariantCulture));
            case TimeSpan span:
                return JsonValue.Create(span.ToString("c", CultureInfo.InvariantCulture));
            case bool flag:
                return JsonValue.Create(flag);
            case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
                return JsonValue.Create(System.Convert.ToDecimal(value, CultureInfo.InvariantCulture));
        }

        if (depth >= MaxDepth)
        {
            return JsonValue.Create("…");
        }

        if (value is IDictionary dictionary)
        {
            var result = new JsonObject();
            foreach (DictionaryEntry entry in dictionary)
            {
                var key = System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                result[key] = IsSecret(key) ? JsonValue.Create(Redacted) : Convert(entry.Value, depth + 1);
            }

            return result;
        }

        if (value is IEnumerable items)
        {
            var array = new JsonArray();
            foreach (var item in items)
            {
                array.Add(Convert(item, depth + 1));
            }

            return array;
        }

        var properties = value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();
        if (properties.Length == 0)
        {
            return JsonValue.Create(value.ToString());
        }

        var node = new JsonObject();
        foreach (var property in properties.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            node[property.Name] = IsSecret(property.Name) ? JsonValue.Create(Redacted) : Read(property, value, depth);
        }

        return node;
    }

    private static JsonNode? Read(PropertyInfo property, object owner, int depth)
    {
        try
        {
            return Convert(property.GetValue(owner), depth + 1);
        }
        catch (TargetInvocationException ex)
        {
            // A getter that throws is app code: show what it threw instead of failing the whole page.
            return JsonValue.Create($"<{ex.InnerException?.GetType().Name ?? ex.GetType().Name}>");
        }
    }
}
