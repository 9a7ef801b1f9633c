using System.Text.Json;

namespace Domovoy.Abstractions;

/// <summary>Helpers to build <see cref="StateFilter{T}"/>s.</summary>
public static class StateFilter
{
    /// <summary>
    /// An attribute filter matching the JSON form of <paramref name="value"/>, e.g. <c>New = StateFilter.Json(255)</c>
    /// for a brightness attribute.
    /// </summary>
    /// <param name="value">Any value System.Text.Json can serialize; null matches a JSON null.</param>
    /// <returns>The filter.</returns>
    public static StateFilter<JsonElement?> Json(object? value)
        => StateFilter<JsonElement?>.Is(JsonSerializer.SerializeToElement(value));
}
