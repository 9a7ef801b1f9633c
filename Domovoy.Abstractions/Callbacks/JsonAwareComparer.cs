using System.Text.Json;

namespace Domovoy.Abstractions;

/// <summary>Default equality, except that JSON values compare structurally (<see cref="JsonElement.DeepEquals"/>).</summary>
internal sealed class JsonAwareComparer<T> : IEqualityComparer<T>
{
    public static readonly IEqualityComparer<T> Instance = typeof(T) == typeof(JsonElement) || typeof(T) == typeof(JsonElement?)
        ? new JsonAwareComparer<T>()
        : EqualityComparer<T>.Default;

    private JsonAwareComparer()
    {
    }

    public bool Equals(T? x, T? y) => (x, y) switch
    {
        (JsonElement a, JsonElement b) => JsonElement.DeepEquals(a, b),
        (null, null) => true,
        _ => false,
    };

    public int GetHashCode(T obj) => 0;
}
