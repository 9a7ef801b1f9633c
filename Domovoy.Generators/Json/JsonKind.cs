namespace Domovoy.Generators.Json;

/// <summary>The kinds of JSON value (RFC 8259).</summary>
internal enum JsonKind
{
    Null,
    False,
    True,
    Number,
    String,
    Array,
    Object,
}
