using System.Collections.Generic;

namespace Domovoy.Generators.Json;

/// <summary>A parsed JSON value: exactly one of the kinds below. Numbers keep their source text (the snapshot only
/// needs them as text, e.g. the schema version or a selector's min/max for docs).</summary>
internal sealed class JsonNode
{
    private JsonNode(JsonKind kind, string? text, List<JsonNode>? items, List<KeyValuePair<string, JsonNode>>? members, int line, int column)
    {
        Kind = kind;
        Text = text;
        Items = items;
        Members = members;
        Line = line;
        Column = column;
    }

    /// <summary>The value's kind.</summary>
    public JsonKind Kind { get; }

    /// <summary>A string's value, a number's source text, or "true"/"false"; null otherwise.</summary>
    public string? Text { get; }

    /// <summary>An array's items in order; null for other kinds.</summary>
    public List<JsonNode>? Items { get; }

    /// <summary>An object's members in source order; null for other kinds.</summary>
    public List<KeyValuePair<string, JsonNode>>? Members { get; }

    /// <summary>1-based line of the value's first character.</summary>
    public int Line { get; }

    /// <summary>1-based column of the value's first character.</summary>
    public int Column { get; }

    public static JsonNode Scalar(JsonKind kind, string? text, int line, int column) => new(kind, text, null, null, line, column);

    public static JsonNode Array(List<JsonNode> items, int line, int column) => new(JsonKind.Array, null, items, null, line, column);

    public static JsonNode Object(List<KeyValuePair<string, JsonNode>> members, int line, int column) => new(JsonKind.Object, null, null, members, line, column);

    /// <summary>The member named <paramref name="name"/> of an object, or null when absent or this is not an object.</summary>
    public JsonNode? Get(string name)
    {
        if (Members is null)
        {
            return null;
        }

        foreach (var member in Members)
        {
            if (member.Key == name)
            {
                return member.Value;
            }
        }

        return null;
    }
}
