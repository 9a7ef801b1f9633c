using System.Linq;
using Domovoy.Generators.Model;

namespace Domovoy.Generators.Emit;

/// <summary>The C# parameter type of a service field, from its selector (README "Typed entities and services" has the
/// table), and how a value of it becomes the JSON Home Assistant expects under the field's own (snake_case) key.</summary>
internal sealed record FieldType(string ClrType, bool IsValueType, string ToJsonFormat, string Shape)
{
    private const string Enumerable = "global::System.Linq.Enumerable";
    private const string Dictionary = "global::System.Collections.Generic.Dictionary<string, object>";

    /// <summary>Wraps <paramref name="value"/> (an expression of <see cref="ClrType"/>) in the conversion.</summary>
    public string ToJson(string value) => string.Format(ToJsonFormat, value);

    /// <summary>Maps a selector: number → double, boolean → bool, select → string (constants generated for its options),
    /// entity → the typed entity id of its domain, color_rgb → (int R, int G, int B), time → TimeOnly ("HH:mm:ss"),
    /// duration → TimeSpan (HA's {days, hours, minutes, seconds, milliseconds} object), color_temp → double,
    /// object → object (serialized as is), no selector → object, anything else (text, area, device, …) → string.
    /// A selector with <c>multiple: true</c> takes a sequence of the element type and sends an array.</summary>
    public static FieldType For(SelectorModel selector)
    {
        var element = Element(selector);
        if (!selector.Multiple || selector.Kind is "object" or "")
        {
            return element;
        }

        var items = element.ToJsonFormat == "{0}" ? "{0}" : $"{Enumerable}.Select({{0}}, __item => {Escape(element.ToJson("__item"))})";
        return new FieldType(
            $"global::System.Collections.Generic.IEnumerable<{element.ClrType}>",
            false,
            $"{Enumerable}.ToArray({items})",
            $"one or more {element.Shape}");
    }

    private static string Escape(string code) => code.Replace("{", "{{").Replace("}", "}}");

    private static FieldType Element(SelectorModel selector) => selector.Kind switch
    {
        "number" or "color_temp" => new("double", true, "{0}", "number" + (selector.Unit is { } unit ? $" ({unit})" : string.Empty)),
        "boolean" => new("bool", true, "{0}", "boolean"),
        "entity" => new(EntityTypes.ForDomains(selector.EntityDomains.ToList()), false, "{0}.Value",
            selector.EntityDomains.Count == 0 ? "entity" : string.Join(" or ", selector.EntityDomains) + " entity"),
        "color_rgb" => new("(int R, int G, int B)", true, "new[] {{ {0}.R, {0}.G, {0}.B }}", "RGB color, each 0-255"),
        "time" => new("global::System.TimeOnly", true, "{0}.ToString(\"HH:mm:ss\", global::System.Globalization.CultureInfo.InvariantCulture)", "time of day"),
        "duration" => new("global::System.TimeSpan", true,
            $"new {Dictionary} {{{{ [\"days\"] = {{0}}.Days, [\"hours\"] = {{0}}.Hours, [\"minutes\"] = {{0}}.Minutes, [\"seconds\"] = {{0}}.Seconds, [\"milliseconds\"] = {{0}}.Milliseconds }}}}",
            "duration"),
        "object" or "" => new("object", false, "{0}", "value serialized as JSON"),
        "select" => new("string", false, "{0}", "option"),
        _ => new("string", false, "{0}", selector.Kind + " text"),
    };
}
