using System.Collections.Generic;
using System.Linq;
using Domovoy.Generators.Naming;

namespace Domovoy.Generators.Emit;

/// <summary>Emits a static class of string constants, one per option (an enum sensor's states, a select field's options),
/// so code compares or passes the option by name: <c>Entities.Sensor.WasherOptions.Running</c>.</summary>
internal static class ConstantsEmitter
{
    public static void Emit(CodeWriter writer, string className, string summaryXml, IEnumerable<string> values)
    {
        var options = values.Distinct().ToList();
        writer.Summary($"{summaryXml}: {CodeWriter.Xml(string.Join(", ", options))}.");
        writer.Open($"public static class {className}");

        // A constant shows its value wherever it is used, and the class's summary lists them all: a doc comment per
        // constant repeated the value and was a tenth of what compiling a big home's entities allocated (BENCHMARKS.md).
        writer.Line("#pragma warning disable CS1591");
        var names = new NameScope(className).Assign(options, o => o, Identifiers.Pascal);
        for (var i = 0; i < options.Count; i++)
        {
            writer.Line($"public const string {names[i]} = {CodeWriter.Literal(options[i])};");
        }

        writer.Line("#pragma warning restore CS1591");
        writer.Close();
    }
}
