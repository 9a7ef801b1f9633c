using System;

namespace Domovoy.Generators;

/// <summary>Which groupings a project asks for with the <c>DomovoyGroupings</c> MSBuild property: <c>true</c> (or
/// <c>all</c>) for both, or a list of <c>areas</c> and <c>labels</c> separated by ';' or ','. Off by default: the
/// groupings repeat every entity once per area and label, which adds two thirds to compiling a big home's generated code
/// (BENCHMARKS.md).</summary>
internal readonly record struct Groupings(bool Areas, bool Labels)
{
    /// <summary>The analyzer config key the compiler passes the property under (the props file makes it visible).</summary>
    public const string BuildProperty = "build_property.DomovoyGroupings";

    /// <summary>Reads the property's value; anything unrecognised is ignored.</summary>
    public static Groupings Parse(string? value)
    {
        var areas = false;
        var labels = false;
        foreach (var part in (value ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Trim();
            var all = name.Equals("true", StringComparison.OrdinalIgnoreCase) || name.Equals("all", StringComparison.OrdinalIgnoreCase);
            areas |= all || name.Equals("areas", StringComparison.OrdinalIgnoreCase);
            labels |= all || name.Equals("labels", StringComparison.OrdinalIgnoreCase);
        }

        return new Groupings(areas, labels);
    }
}
