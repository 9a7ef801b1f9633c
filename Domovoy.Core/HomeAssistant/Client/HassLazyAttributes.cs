using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Domovoy.Core.HomeAssistant.Client;

/// <summary>
/// The attributes of one state, kept as the UTF-8 bytes of their JSON object and turned into a dictionary on first
/// read. Most states in a busy home are replaced before anyone reads their attributes, so decoding them eagerly is
/// wasted work. Immutable once built; the first read may come from several threads at once and all of them see the
/// same dictionary.
/// </summary>
internal sealed class HassLazyAttributes : IReadOnlyDictionary<string, JsonElement>
{
    private readonly byte[] _utf8;
    private Dictionary<string, JsonElement>? _materialized;

    /// <param name="utf8">A JSON object, owned by this instance from now on (a copy, never a pooled frame buffer).</param>
    public HassLazyAttributes(byte[] utf8)
    {
        _utf8 = utf8;
    }

    /// <summary>Whether the dictionary was built (diagnostics and tests).</summary>
    public bool IsMaterialized => Volatile.Read(ref _materialized) is not null;

    /// <summary>The JSON object as received; written out as is while nobody has read the attributes.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;

    public int Count => Materialized.Count;

    public IEnumerable<string> Keys => Materialized.Keys;

    public IEnumerable<JsonElement> Values => Materialized.Values;

    public JsonElement this[string key] => Materialized[key];

    private Dictionary<string, JsonElement> Materialized => Volatile.Read(ref _materialized) ?? Materialize();

    public bool ContainsKey(string key) => Materialized.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonElement value) => Materialized.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => Materialized.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Dictionary<string, JsonElement> Materialize()
    {
        // One unpooled document over this instance's own bytes: its elements stay valid for as long as anyone holds them.
        var reader = new Utf8JsonReader(_utf8);
        var root = JsonElement.ParseValue(ref reader);
        var dictionary = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            dictionary[property.Name] = property.Value;
        }

        // Racing first readers each build one; the first published wins so every reader sees the same elements.
        return Interlocked.CompareExchange(ref _materialized, dictionary, null) ?? dictionary;
    }
}
