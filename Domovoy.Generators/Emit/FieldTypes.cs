using System.Linq;
using Domovoy.Generators.Model;

namespace Domovoy.Generators.Emit;

/// <summary>The C# parameter type of a service field, from its selector (README "Typed entities and services" has the
/// table), and its shape in words for the parameter's doc. The value becomes the JSON Home Assistant expects by its type,
/// at run time, in the generated <c>HassServices.Call</c>.</summary>
internal sealed record FieldType(string ClrType, string Shape)
{
    /// <summary>Maps a selector: number → double, boolean → bool, select → string (constants generated for its options),
    /// entity → the typed entity id of its domain, color_rgb → (int R, int G, int B), time → TimeOnly ("HH:mm:ss"),
    /// duration → TimeSpan (HA's {days, hours, minutes, seconds, milliseconds} object), color_temp → double,
    /// object → object (serialized as is), no selector → object, anything else (text, area, device, …) → string.
    /// A selector with <c>multiple: true</c> takes a sequence of the element type and sends an array.</summary>
    public static FieldType For(SelectorModel selector)
    {
        var element = Element(selector);
        return !selector.Multiple || selector.Kind is "object" or ""
            ? element
            : new FieldType($"global::System.Collections.Generic.IEnumerable<{element.ClrType}>", $"one or more {element.Shape}");
    }

    private static FieldType Element(SelectorModel selector) => selector.Kind switch
    {
        "number" or "color_temp" => new("double", "number" + (selector.Unit is { } unit ? $" ({unit})" : string.Empty)),
        "boolean" => new("bool", "boolean"),
        "entity" => new(EntityTypes.ForDomains(selector.EntityDomains.ToList()), selector.EntityDomains.Count == 0 ? "entity" : string.Join(" or ", selector.EntityDomains) + " entity"),
        "color_rgb" => new("(int R, int G, int B)", "RGB color, each 0-255"),
        "time" => new("global::System.TimeOnly", "time of day"),
        "duration" => new("global::System.TimeSpan", "duration"),
        "object" or "" => new("object", "value serialized as JSON"),
        "select" => new("string", "option"),
        _ => new("string", selector.Kind + " text"),
    };
}
